import { z } from 'zod';

// The vocabulary of everything the alerting feature may say. Each event carries what makes it
// unique (an incident, a job, a window), so its key is stable across retries and restarts.

/** The per-notifier `events` filter names (issue 17). */
export const alertCategories = ['down', 'recovered', 'reminder', 'unit-failed', 'vitals', 'rebuild', 'maintenance'] as const;
export type AlertCategory = (typeof alertCategories)[number];
export const alertCategorySchema = z.enum(alertCategories);

export type JobKind = 'rebuild' | 'unit-action' | 'gc';

/** A finished job, as the job runner reports it; `outcome` is the runner's word ('succeeded', 'failed', ...). */
export interface JobInfo {
  id: string | number;
  kind: JobKind;
  machine: string;
  outcome: string;
  /** "rebuild #12", "restart of jellyfin.service", "garbage collection #3". */
  label: string;
  durationMs?: number;
  exitCode?: number | null;
}

export interface ServiceRef {
  service: string;
  name: string;
  /** Its state when that is not plainly 'down' (degraded, starting): the message says so. */
  state?: string;
}

export type AlertEvent =
  | { type: 'down'; incidentId: number | string; service: string; name: string; machine: string; at: number; reason: string }
  | { type: 'recovered'; incidentId: number | string; service: string; name: string; machine: string; at: number; downForMs: number }
  | { type: 'reminder'; incidentId: number | string; service: string; name: string; machine: string; at: number; downForMs: number; slot: number; reason?: string }
  | { type: 'machine-down'; incidentId: number | string; machine: string; at: number; state: string; reason: string }
  | { type: 'machine-up'; incidentId: number | string; machine: string; at: number; downForMs: number }
  | { type: 'hop-down'; incidentId: number | string; hop: string; machine: string; services: ServiceRef[]; at: number; reason: string }
  | { type: 'hop-up'; incidentId: number | string; hop: string; machine: string; at: number; downForMs: number }
  | { type: 'unit-failed'; incidentId: number | string; machine: string; unit: string; at: number; result?: string }
  | { type: 'vitals'; machine: string; metric: string; at: number; value: string; threshold: string; day?: string }
  | { type: 'job'; job: JobInfo; at: number }
  /** A maintenance window or a silence closed: how it went. `outcome` is the job's, absent otherwise. */
  | { type: 'maintenance'; windowId: string; cause: JobKind | 'scheduled' | 'silence'; label: string; machine: string; outcome?: string; stillDown: ServiceRef[]; at: number }
  | { type: 'test'; id: string; notifier: string; at: number };

/** One key per thing worth saying once; retries of the same event share it (and so a Matrix txnId). */
export function alertKey(e: AlertEvent): string {
  switch (e.type) {
    case 'down':
    case 'recovered':
    case 'machine-down':
    case 'machine-up':
    case 'hop-down':
    case 'hop-up':
    case 'unit-failed':
      return `${e.type}:${e.incidentId}`;
    case 'reminder':
      return `reminder:${e.incidentId}:${e.slot}`;
    case 'vitals':
      // At most one warning per metric and machine and local day: the caller passes the day.
      return `vitals:${e.machine}:${e.metric}:${e.day ?? new Date(e.at).toISOString().slice(0, 10)}`;
    case 'job':
      return `job:${e.job.kind}:${e.job.id}`;
    case 'maintenance':
      return `maintenance:${e.windowId}`;
    case 'test':
      return `test:${e.id}`;
  }
}

/**
 * The filter names an event answers to. A summary that still finds services down is a real
 * alert ('down' too); a job's summary also reaches the notifiers that only want rebuilds.
 */
export function alertCategoriesOf(e: AlertEvent): AlertCategory[] {
  switch (e.type) {
    case 'down':
    case 'machine-down':
    case 'hop-down':
      return ['down'];
    case 'recovered':
    case 'machine-up':
    case 'hop-up':
      return ['recovered'];
    case 'reminder':
      return ['reminder'];
    case 'unit-failed':
      return ['unit-failed'];
    case 'vitals':
      return ['vitals'];
    case 'job':
      return e.job.kind === 'rebuild' ? ['rebuild'] : ['maintenance'];
    case 'maintenance':
      return [...(e.stillDown.length ? (['down'] as const) : []), 'maintenance', ...(e.cause === 'rebuild' ? (['rebuild'] as const) : [])];
    case 'test':
      return [...alertCategories];
  }
}

/** The services an event is about, for a notifier's `services` filter (empty: about none in particular). */
export function alertServices(e: AlertEvent): string[] {
  if ('service' in e) return [e.service];
  if (e.type === 'hop-down') return e.services.map((s) => s.service);
  if (e.type === 'maintenance') return e.stillDown.map((s) => s.service);
  return [];
}

export interface NotifierFilter {
  events?: readonly AlertCategory[];
  services?: readonly string[];
}

/** Whether a notifier's filters let this event through. Events about no service pass a service filter. */
export function passesFilter(e: AlertEvent, f: NotifierFilter): boolean {
  if (e.type === 'test') return true;
  if (f.events && !alertCategoriesOf(e).some((c) => f.events!.includes(c))) return false;
  const about = alertServices(e);
  if (f.services && about.length && !about.some((s) => f.services!.includes(s))) return false;
  return true;
}
