import type { ProbeResult, ProbeVerdict } from './probe';

export interface PathStatus extends ProbeVerdict {
  via: string;
  url: string;
  label?: string;
  /** That hop's Caddy upstreams, when its admin API is configured (reference/caddy.md §2). */
  upstreams?: { address: string; numRequests: number; fails: number }[];
  upstreamsError?: string;
}

export interface ServiceStatus extends ProbeResult {
  id: string;
  name: string;
  kind: string;
  /** How the page names the kind ("Matrix homeserver"), from lib/kinds. */
  kindLabel: string;
  url: string;
  /** Where the "open" link goes; defaults to url. */
  openUrl: string;
  checkedAt: string;
  paths?: PathStatus[];
  /** Folded in when the snapshot is published; absent when the history store is unavailable. */
  history?: ServiceHistory;
}

export interface ServiceHistory {
  /** Share of counted samples that were up (0..1), null without data. */
  uptime: { h24: number | null; d7: number | null; d30: number | null };
  /** Mean latency in ms per 30-minute slot over the last 24 h, oldest first; null where nothing was measured. */
  spark: (number | null)[];
}
