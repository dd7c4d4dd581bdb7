import type { SimServer } from './sim-server.mjs';

export declare const SIM_UNITS: Record<'jellyfin' | 'synapse' | 'telegram', string>;

export interface VmControl {
  /** The Mac's df stand-in in the state folder. */
  hostDfPath: string;
  /** A control reply for a /vm/… or /host/… path, or undefined when the path is not one of these. */
  handle(path: string, body: unknown): Promise<{ status: number; body: unknown } | undefined>;
  reset(): Promise<void>;
  stop(): void;
}

export declare function createVmControl(opts: { stateDir: string; sims: Partial<Record<'jellyfin' | 'synapse' | 'telegram', SimServer>> }): VmControl;
export declare function resetVmState(stateDir: string, opts?: { ports?: Record<string, number>; now?: number }): string;
