// What the alerting adds to each published snapshot, for the cards: silences in force and the
// maintenance windows keeping a machine quiet. Types only.

export interface SilenceView {
  id: string;
  machine: string;
  /** Absent: the whole machine. */
  service?: string;
  name: string;
  reason: string;
  createdAt: number;
  /** When it ends by itself; null: when its target recovers. */
  until: number | null;
}

export interface QuietView {
  machine: string;
  kind: 'job' | 'scheduled';
  /** "rebuild of mini-vm at Sun 14:05", "the maintenance window (sun 03:00 for 60 min)" */
  label: string;
  /** null while the job runs. */
  until: number | null;
  /** A scheduled window for some services only. */
  services?: string[];
}

export interface AlertsView {
  silences: SilenceView[];
  quiet: QuietView[];
}
