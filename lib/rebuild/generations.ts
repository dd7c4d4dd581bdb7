import { z } from 'zod';
import { describeFailure, run } from '../exec';
import type { RebuildTarget } from './targets';

// Fields from reference/nixos.md §5; anything missing or odd is tolerated, not fatal.
const generationSchema = z.object({
  generation: z.number().int(),
  date: z.string().catch(''),
  nixosVersion: z.string().catch('Unknown'),
  kernelVersion: z.string().catch('Unknown'),
  configurationRevision: z.string().catch(''),
  specialisations: z.array(z.string()).catch([]),
  current: z.boolean().catch(false),
});
export type Generation = z.infer<typeof generationSchema>;

export interface GenerationsReport {
  target: string;
  generations: Generation[] | null;
  problem?: string;
  currentSystem?: string;
  bootedSystem?: string;
  systemProblem?: string;
}

const TIMEOUT = 15_000;

export function parseGenerations(text: string): Generation[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('list-generations --json did not print a list');
  return data.flatMap((g) => {
    const r = generationSchema.safeParse(g);
    return r.success ? [r.data] : [];
  });
}

async function readGenerations(t: RebuildTarget): Promise<Pick<GenerationsReport, 'generations' | 'problem'>> {
  if (!t.prefix) return { generations: null, problem: t.problem };
  const r = await run(t.prefix[0], [...t.prefix.slice(1), 'list-generations', '--json'], { timeoutMs: TIMEOUT, maxBytes: 1024 * 1024 });
  if (r.code !== 0 || r.truncated) return { generations: null, problem: describeFailure('nixos-rebuild list-generations', r, TIMEOUT) };
  try {
    return { generations: parseGenerations(r.stdout) };
  } catch (e) {
    return { generations: null, problem: `list-generations printed something unexpected: ${(e as Error).message.slice(0, 160)}` };
  }
}

async function readSystems(t: RebuildTarget): Promise<Pick<GenerationsReport, 'currentSystem' | 'bootedSystem' | 'systemProblem'>> {
  if (!t.machine || !t.prefix || t.prefix[1] !== '-m') return { systemProblem: 'only known for targets that run inside an orb machine' };
  const r = await run(t.prefix[0], ['-m', t.machine, 'readlink', '/run/current-system', '/run/booted-system'], { timeoutMs: TIMEOUT, maxBytes: 64 * 1024 });
  const [current, booted] = r.stdout.split('\n').map((l) => l.trim());
  if (r.code !== 0 || !current || !booted) return { systemProblem: describeFailure('readlink /run/current-system /run/booted-system', r, TIMEOUT) };
  return { currentSystem: current, bootedSystem: booted };
}

export async function readGenerationReports(targets: RebuildTarget[]): Promise<GenerationsReport[]> {
  return Promise.all(
    targets.map(async (t) => {
      const [gens, sys] = await Promise.all([readGenerations(t), readSystems(t)]);
      return { target: t.id, ...gens, ...sys };
    }),
  );
}
