import type { MachineState, NetworkCause, ProbeCause, ServiceState } from '../states';

/** What did not arrive in time. */
export type WaitedFor = 'connection' | 'headers' | 'body' | 'answer';

/** Why a request got no usable HTTP answer, as data; lib/probe-sentence.ts says it in words. */
export interface NetworkFailure {
  cause: NetworkCause;
  /** timeout: the limit, and what had not arrived by then. */
  timeoutMs?: number;
  waitedFor?: WaitedFor;
  /** dns, tls, network: the system's error code (ENOTFOUND, ERR_TLS_CERT_ALTNAME_INVALID, ...). */
  code?: string;
  /** blocked: the address refused under DASHBOARD_LOOPBACK_ONLY; redirect-elsewhere: the origin it pointed to. */
  target?: string;
  /** redirect-elsewhere, bad-redirect: the redirect's status. */
  httpStatus?: number;
  /** too-many-redirects: how many were followed. */
  redirects?: number;
}

/** A probe's verdict: everything the sentence about it is made from, and nothing else. */
export interface ProbeVerdict extends Omit<NetworkFailure, 'cause'> {
  state: ServiceState;
  cause: ProbeCause;
  /** The request the verdict is about ('/health'). */
  endpoint?: string;
  /** How long the answer took; null without one. */
  latencyMs: number | null;
  /** A short printable excerpt of what the service sent (a body, a verdict, a product name). */
  excerpt?: string;
  /** body, wrong-product: what a healthy service sends instead. */
  expected?: string;
  serverName?: string;
  /** Consecutive failed rounds, against failuresBeforeDown; set by the probe round. */
  failures?: { count: number; of: number };
  /** machine-not-running: the machine, and the state orb reports it in. */
  machine?: string;
  machineState?: MachineState;
}

/** What a probe says about a service. Probes return this; they never throw. */
export interface ProbeResult extends ProbeVerdict {
  version?: string;
  /** What the service is doing, when it can tell (e.g. Jellyfin's streams, with an API key). */
  detail?: string;
}
