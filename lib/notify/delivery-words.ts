import type { Tone } from '../state-style';
import type { DeliveryRow } from './page-data';

// A delivery's state in words and a tone, for the page: what happened, never only a colour.

export function deliveryState(d: DeliveryRow): { label: string; tone: Tone } {
  if (d.state === 'delivered') {
    if (d.fallbackFor) return { label: `Delivered, standing in for ${d.fallbackFor}`, tone: 'info' };
    return d.late ? { label: 'Delivered late', tone: 'warn' } : { label: 'Delivered', tone: 'good' };
  }
  if (d.state === 'failed') return { label: d.routedTo ? `Failed; ${d.routedTo} got it` : 'Failed', tone: 'bad' };
  if (d.attempts === 0) return { label: 'Queued', tone: 'info' };
  return { label: d.routedTo ? `Retrying; ${d.routedTo} got it meanwhile` : 'Retrying', tone: 'warn' };
}

export const kindLabel: Record<string, string> = { matrix: 'Matrix', ntfy: 'ntfy', json: 'JSON webhook' };
