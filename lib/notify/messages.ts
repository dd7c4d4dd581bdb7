import { formatDuration } from '../history/format';
import type { AlertEvent, ServiceRef } from './events';
import { formatClock, localTimeZone } from './zoned-time';

// Each message is written once as parts; the plain body and the HTML body are both made from
// them, so they cannot drift apart and every value reaches the HTML escaped.

type Part = string | { strong: string } | { code: string };
type Line = Part[];

export interface RenderedAlert {
  /** Short, for an ntfy title or a list. */
  title: string;
  /** The whole message as plain text (Matrix `body`, ntfy message). */
  plain: string;
  /** The same as HTML (Matrix `formatted_body`); every value escaped. */
  html: string;
}

export interface RenderOptions {
  /** Set when delivery comes well after the event: the message says so, and when it happened. */
  late?: { deliveredAt: number };
  /** The zone for times in the message (default: the process's). */
  tz?: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const plainPart = (p: Part) => (typeof p === 'string' ? p : 'strong' in p ? p.strong : p.code);
const htmlPart = (p: Part) =>
  typeof p === 'string' ? escapeHtml(p) : 'strong' in p ? `<strong>${escapeHtml(p.strong)}</strong>` : `<code>${escapeHtml(p.code)}</code>`;

/** "Jellyfin", "Jellyfin and Synapse", "Jellyfin, Synapse and Telegram bridge" */
function nameList(refs: readonly ServiceRef[]): Part[] {
  const named = refs.map((r): Part[] => (r.state && r.state !== 'down' ? [{ strong: r.name }, ` (${r.state})`] : [{ strong: r.name }]));
  return named.flatMap((n, i) => (i === 0 ? n : [i === named.length - 1 ? ' and ' : ', ', ...n]));
}

/** A label opens the sentence: "Rebuild of mini-vm at Sun 14:05 succeeded". */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function jobLine(e: Extract<AlertEvent, { type: 'job' }>): Line {
  const took = e.job.durationMs ? ` after ${formatDuration(e.job.durationMs)}` : '';
  const exit = e.job.exitCode !== undefined && e.job.exitCode !== null ? ` (exit ${e.job.exitCode})` : '';
  const where = e.job.label.includes(e.job.machine) ? '' : ` on ${e.job.machine}`;
  return [{ strong: cap(e.job.label) }, `${where} ${e.job.outcome}${took}${exit}.`];
}

function maintenanceLine(e: Extract<AlertEvent, { type: 'maintenance' }>): Line {
  const label = { strong: cap(e.label) };
  const still = e.stillDown.length > 1 ? ' are still down.' : ' is still down.';
  if (e.stillDown.length && e.cause === 'silence') return [label, ' ended; ', ...nameList(e.stillDown), still];
  if (e.stillDown.length) return ['After ', { strong: e.label }, ', ', ...nameList(e.stillDown), still];
  return [label, e.outcome ? ` ${e.outcome}; all services back.` : ' is over; all services back.'];
}

function lines(e: AlertEvent): { title: string; body: Line } {
  const who = 'name' in e ? { strong: e.name } : { strong: 'machine' in e ? e.machine : '' };
  switch (e.type) {
    case 'down':
      return { title: `${e.name} is down`, body: [who, ' is down: ', e.reason] };
    case 'recovered':
      return { title: `${e.name} recovered`, body: [who, ` is back, after ${formatDuration(e.downForMs)} down.`] };
    case 'reminder':
      return { title: `${e.name} still down`, body: [who, ` still down, for ${formatDuration(e.downForMs)}`, e.reason ? `: ${e.reason}` : '.'] };
    case 'machine-down':
      return { title: `${e.machine} is ${e.state}`, body: [who, ` is ${e.state}: ${e.reason}. Its services are not reachable.`] };
    case 'machine-up':
      return { title: `${e.machine} is running again`, body: [who, ` is running again, after ${formatDuration(e.downForMs)}.`] };
    case 'hop-down':
      return { title: `${e.hop}'s Caddy is failing`, body: [{ strong: `${e.hop}'s Caddy` }, ' fails for every service behind it (', ...nameList(e.services), `): ${e.reason}`] };
    case 'hop-up':
      return { title: `${e.hop}'s Caddy answers again`, body: [{ strong: `${e.hop}'s Caddy` }, ` answers again, after ${formatDuration(e.downForMs)}.`] };
    case 'unit-failed':
      return { title: `${e.unit} failed on ${e.machine}`, body: ['Unit ', { code: e.unit }, ' failed on ', who, e.result ? ` (${e.result}).` : '.'] };
    case 'vitals':
      return { title: `${e.machine}: ${e.metric} ${e.value}`, body: [who, `: ${e.metric} at ${e.value} (warning at ${e.threshold}).`] };
    case 'job':
      return { title: `${cap(e.job.label)} ${e.job.outcome}`, body: jobLine(e) };
    case 'maintenance':
      return { title: e.stillDown.length ? `After ${e.label}: still down` : `${cap(e.label)}: all services back`, body: maintenanceLine(e) };
    case 'test':
      return { title: 'Test message', body: ['Test message from the mini-vm dashboard, through ', { code: e.notifier }, '.'] };
  }
}

/** The message for one event, as plain text and as HTML. */
export function renderAlert(e: AlertEvent, opts: RenderOptions = {}): RenderedAlert {
  const { title, body } = lines(e);
  const all: Line[] = [body];
  if (opts.late) {
    const tz = opts.tz ?? localTimeZone();
    all.push([`Delivered late: this happened at ${formatClock(e.at, tz)}, ${formatDuration(opts.late.deliveredAt - e.at)} earlier.`]);
  }
  return {
    title: opts.late ? `Late: ${title}` : title,
    plain: all.map((l) => l.map(plainPart).join('')).join('\n'),
    html: all.map((l) => l.map(htmlPart).join('')).join('<br>'),
  };
}
