// Shapes shared by the server and the browser. Types only: nothing here runs.

export type ServiceState = 'up' | 'degraded' | 'starting' | 'pending' | 'down' | 'unknown' | 'vm-stopped';
export type OrbState = 'running' | 'stopped' | 'not-installed' | 'error';
export type MachineState = 'running' | 'stopped' | 'starting' | 'stopping' | 'paused' | 'missing' | 'unknown';

export interface PathStatus {
  via: string;
  url: string;
  label?: string;
  state: ServiceState;
  reason: string;
  latencyMs: number | null;
  /** That hop's Caddy upstreams, when its admin API is configured (reference/caddy.md §2). */
  upstreams?: { address: string; numRequests: number; fails: number }[];
  upstreamsError?: string;
}

export interface ServiceStatus {
  id: string;
  name: string;
  kind: string;
  url: string;
  /** Where the "open" link goes; defaults to url. */
  openUrl: string;
  state: ServiceState;
  reason: string;
  latencyMs: number | null;
  version?: string;
  serverName?: string;
  detail?: string;
  checkedAt: string;
  paths?: PathStatus[];
  /** Attached by the history recorder; absent when the history store is unavailable. */
  history?: ServiceHistory;
}

export interface ServiceHistory {
  /** Share of counted samples that were up (0..1), null without data. */
  uptime: { h24: number | null; d7: number | null; d30: number | null };
  /** Mean latency in ms per 30-minute slot over the last 24 h, oldest first; null where nothing was measured. */
  spark: (number | null)[];
}

export interface AddressDrift {
  expected: string;
  observed: string | null;
  ok: boolean;
}

export interface MachineStatus {
  name: string;
  state: MachineState;
  /** The state string exactly as orb printed it, when it was not one we know. */
  rawState?: string;
  reason: string;
  distro?: string;
  version?: string;
  arch?: string;
  address?: string;
  addressDrift?: AddressDrift;
  services: ServiceStatus[];
}

export interface CheckStatus {
  id: string;
  name?: string;
  from: string;
  target: string;
  port?: number;
  expect: 'reachable' | 'unreachable';
  observed: 'reachable' | 'unreachable' | 'unknown';
  ok: boolean;
  reason: string;
  docs?: string;
  /** When this check last ran; checks run every checkIntervalMs, not every round. */
  checkedAt: string;
}

export interface Snapshot {
  generatedAt: string;
  /** How long the probe round took. */
  durationMs: number;
  pollIntervalMs: number;
  /** How often network checks and VM addresses are read again. */
  checkIntervalMs: number;
  orbstack: {
    state: OrbState;
    reason?: string;
    /** Machines orb lists that the config does not name. */
    others?: { name: string; state: MachineState }[];
  };
  machines: MachineStatus[];
  checks?: CheckStatus[];
  /** Problems with the dashboard itself (history store, ...), shown as a banner. */
  warnings?: string[];
}
