import type { MachineState, OrbState, ServiceState } from './types';

export type Tone = 'good' | 'warn' | 'bad' | 'idle' | 'info';

// A word and a symbol for every state, so colour is never the only signal.
const service: Record<ServiceState, { label: string; tone: Tone }> = {
  up: { label: 'Up', tone: 'good' },
  degraded: { label: 'Degraded', tone: 'warn' },
  starting: { label: 'Starting', tone: 'info' },
  pending: { label: 'Pending', tone: 'warn' },
  down: { label: 'Down', tone: 'bad' },
  unknown: { label: 'Unknown', tone: 'idle' },
  'vm-stopped': { label: 'VM stopped', tone: 'idle' },
};

const machine: Record<MachineState, { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'good' },
  stopped: { label: 'Stopped', tone: 'bad' },
  starting: { label: 'Starting', tone: 'info' },
  stopping: { label: 'Stopping', tone: 'warn' },
  paused: { label: 'Paused', tone: 'warn' },
  missing: { label: 'Missing', tone: 'bad' },
  unknown: { label: 'Unknown', tone: 'idle' },
};

const orb: Record<OrbState, { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'good' },
  stopped: { label: 'Stopped', tone: 'bad' },
  'not-installed': { label: 'Not found', tone: 'bad' },
  error: { label: 'Error', tone: 'warn' },
};

export const symbols: Record<Tone, string> = { good: '●', warn: '▲', bad: '✕', idle: '○', info: '◐' };

export const toneClasses: Record<Tone, string> = {
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30',
  warn: 'bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30',
  bad: 'bg-rose-50 text-rose-800 ring-rose-600/30 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/30',
  idle: 'bg-zinc-100 text-zinc-700 ring-zinc-500/25 dark:bg-zinc-400/10 dark:text-zinc-300 dark:ring-zinc-400/25',
  info: 'bg-sky-50 text-sky-800 ring-sky-600/25 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30',
};

export const toneBorder: Record<Tone, string> = {
  good: 'border-l-emerald-500 dark:border-l-emerald-500',
  warn: 'border-l-amber-500 dark:border-l-amber-500',
  bad: 'border-l-rose-500 dark:border-l-rose-500',
  idle: 'border-l-zinc-400 dark:border-l-zinc-500',
  info: 'border-l-sky-500 dark:border-l-sky-500',
};

export const serviceStyle = (s: ServiceState) => service[s] ?? service.unknown;
export const machineStyle = (s: MachineState) => machine[s] ?? machine.unknown;
export const orbStyle = (s: OrbState) => orb[s] ?? orb.error;
