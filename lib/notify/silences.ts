import { z } from 'zod';
import { formatDuration } from '../history/format';

// Silences set from the status page (admin session): one service or a whole machine, for 1 h,
// 4 h or until it recovers, with a reason. Pure: the clock and the states are passed in.

export const silenceDurations = { '1h': 3600_000, '4h': 4 * 3600_000, recovery: null } as const;
export type SilenceDuration = keyof typeof silenceDurations;

/** What a silence is on: a machine (everything on it) or one of its services. */
export interface SilenceTarget {
  machine: string;
  service?: string;
}

export interface Silence {
  id: string;
  target: SilenceTarget;
  /** The service's or machine's display name, for messages. */
  name: string;
  reason: string;
  createdAt: number;
  /** When it ends by itself, or 'recovery': when the target is back. */
  until: number | 'recovery';
}

/** The body of a "silence" request from the page; the server checks the target against its config. */
export const silenceRequestSchema = z
  .object({
    machine: z.string().min(1).max(100),
    service: z.string().min(1).max(100).optional(),
    duration: z.enum(['1h', '4h', 'recovery']),
    reason: z.string().trim().min(1, 'say why (a few words)').max(200),
  })
  .strict();
export type SilenceRequest = z.output<typeof silenceRequestSchema>;

export type CreateSilence = { ok: true; silence: Silence } | { ok: false; error: string };

/** A new silence; "until it recovers" only makes sense for something that is not up now. */
export function createSilence(req: SilenceRequest, opts: { id: string; name: string; now: number; targetUp: boolean }): CreateSilence {
  const length = silenceDurations[req.duration];
  if (length === null && opts.targetUp) return { ok: false, error: `${opts.name} is up: "until it recovers" needs it down; choose 1 h or 4 h.` };
  return {
    ok: true,
    silence: {
      id: opts.id,
      target: req.service ? { machine: req.machine, service: req.service } : { machine: req.machine },
      name: opts.name,
      reason: req.reason,
      createdAt: opts.now,
      until: length === null ? 'recovery' : opts.now + length,
    },
  };
}

/** A machine silence covers the machine and all its services; a service silence, that service. */
export function silenceCovers(s: Silence, about: SilenceTarget): boolean {
  if (s.target.machine !== about.machine) return false;
  return s.target.service === undefined || s.target.service === about.service;
}

const live = (s: Silence, now: number) => now >= s.createdAt && (s.until === 'recovery' || now < s.until);

/** The silence holding alerts about `about` now (the one lasting longest), or null. */
export function activeSilence(silences: readonly Silence[], about: SilenceTarget, now: number): Silence | null {
  const on = silences.filter((s) => live(s, now) && silenceCovers(s, about));
  const end = (s: Silence) => (s.until === 'recovery' ? Infinity : s.until);
  return on.reduce<Silence | null>((best, s) => (!best || end(s) > end(best) ? s : best), null);
}

export interface SilenceEnd {
  silence: Silence;
  why: 'expired' | 'recovered';
  at: number;
}

/**
 * Split silences into those still on and those that ended by themselves: their time ran out, or
 * (until recovery) the target is back. `isRecovered` says whether a target is fully up now.
 */
export function endSilences(silences: readonly Silence[], now: number, isRecovered: (t: SilenceTarget) => boolean): { active: Silence[]; ended: SilenceEnd[] } {
  const active: Silence[] = [];
  const ended: SilenceEnd[] = [];
  for (const s of silences) {
    if (s.until !== 'recovery' && now >= s.until) ended.push({ silence: s, why: 'expired', at: s.until });
    else if (s.until === 'recovery' && isRecovered(s.target)) ended.push({ silence: s, why: 'recovered', at: now });
    else active.push(s);
  }
  return { active, ended };
}

/** For a card: "silenced for 52 min more: upgrading the disk" / "silenced until it recovers: …". */
export function describeSilence(s: Silence, now: number): string {
  const left = s.until === 'recovery' ? 'until it recovers' : `for ${formatDuration(Math.max(0, s.until - now))} more`;
  return `silenced ${left}: ${s.reason}`;
}
