import type { Lab } from '../../demo/lab/index.mjs';

export declare const repo: string;
export interface LabHome {
  home: string;
  lab: Lab;
  env: NodeJS.ProcessEnv;
  control(path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}
/** A temporary HOME whose ~/.local/bin/orb is a demo lab's fake orb, with a flake folder at ~/flake. */
export declare function labHome(): Promise<LabHome>;
/** Run `node scripts/<script> ...args` to its end. */
export declare function runScript(script: string, args: string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<{ code: number | null; stdout: string; stderr: string }>;
