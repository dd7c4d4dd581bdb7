import type { AlertOptions, AlertSimsInfo } from './control-alerts.mjs';
import type { SimServer } from './sim-server.mjs';

export declare const demoRoot: string;
export declare const VM_ADDRESS: string;
export declare const serviceConditions: string[];

export interface Lab {
  stateDir: string;
  configPath: string;
  sims: Record<'jellyfin' | 'synapse' | 'telegram', SimServer>;
  hops: Record<'mini' | 'bee', SimServer>;
  /** mini's Caddy admin API (GET /reverse_proxy/upstreams). */
  miniAdmin: SimServer;
  /** The Matrix homeserver (inside the Synapse simulator), its demo room and bot token, and the ntfy-like sink. */
  alerts: AlertSimsInfo;
  controlUrl: string;
  /** The Mac's df for `df -P -k <volume>`, answering from the lab (for host.volumes). */
  hostDf: string;
  stop(): Promise<void>;
}

export declare function startLab(opts: {
  stateDir: string;
  ports?: Partial<Record<'jellyfin' | 'synapse' | 'bridge' | 'control' | 'sink', number>>;
  pollIntervalMs?: number;
  /** Omitted: the product default (60 s). */
  checkIntervalMs?: number;
  timeoutMs?: number;
  extraConfig?: string;
  /** The alerting's waits in the lab's config (demo/lab/control-alerts.mjs alertsConfig). */
  alerts?: AlertOptions;
}): Promise<Lab>;
