import fs from 'node:fs';
import { Readable } from 'node:stream';
import { jsonError } from '@/lib/http-errors';
import { jobIdRe, logPathFor } from '@/lib/jobs';
import { noStore } from '@/lib/no-store';

/** The whole log as a file, streamed from disk. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!jobIdRe.test(id)) return jsonError(404, 'not_found', 'no such rebuild run');
  const file = logPathFor(id);
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    return jsonError(404, 'not_found', 'this run has no log on disk');
  }
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: noStore({
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="rebuild-${id}.log"`,
      'x-content-type-options': 'nosniff',
    }),
  });
}
