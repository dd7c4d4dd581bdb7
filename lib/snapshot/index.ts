import type { AlertsView } from './alerts';
import type { CheckStatus } from './check';
import type { Headline } from './headline';
import type { MachineStatus, OrbStackStatus } from './machine';
import type { ServiceHistory } from './service';

// The shapes of a snapshot, shared by the server and the browser. Types only: nothing here runs.

export type * from './alerts';
export type * from './check';
export type * from './headline';
export type * from './machine';
export type * from './probe';
export type * from './service';

export interface Snapshot {
  generatedAt: string;
  /** How long the probe round took. */
  durationMs: number;
  pollIntervalMs: number;
  /** How often network checks and VM addresses are read again. */
  checkIntervalMs: number;
  orbstack: OrbStackStatus;
  machines: MachineStatus[];
  checks?: CheckStatus[];
  /** Problems with the dashboard itself (history store, ...), shown as a banner. */
  warnings?: string[];
  /** Silences and maintenance windows in force (folded in by the alerting); absent without it. */
  alerts?: AlertsView;
  headline: Headline;
}

/** A snapshot as a probe round composes it, before the headline is drawn from it. */
export type ComposedSnapshot = Omit<Snapshot, 'headline'>;

/** What a folder (the history recorder) adds to a round as it is published. */
export interface SnapshotAdditions {
  /** Per service id. */
  history?: Record<string, ServiceHistory>;
  warnings?: string[];
  alerts?: AlertsView;
}
