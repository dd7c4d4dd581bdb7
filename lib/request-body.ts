import type { z } from 'zod';
import { jsonError } from './http-errors';
import { isJsonMediaType } from './media-type';

/** Read a small JSON body and validate it; any problem becomes a 4xx Response, never a throw. */
export async function readJsonBody<T extends z.ZodType>(req: Request, schema: T, maxBytes = 4096): Promise<{ data: z.infer<T> } | { error: Response }> {
  if (!isJsonMediaType(req.headers.get('content-type'))) return { error: jsonError(415, 'unsupported_media_type', 'send the body as application/json') };
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { error: jsonError(413, 'body_too_large', `the body is larger than ${maxBytes} bytes`) };
  let text = '';
  if (req.body) {
    const reader = req.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { error: jsonError(413, 'body_too_large', `the body is larger than ${maxBytes} bytes`) };
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: jsonError(400, 'bad_json', 'the body is not valid JSON') };
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    return { error: jsonError(400, 'invalid_body', `${i.path.join('.') || 'body'}: ${i.message}`) };
  }
  return { data: r.data };
}
