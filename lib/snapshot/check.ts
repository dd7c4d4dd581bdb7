export interface CheckStatus {
  id: string;
  name?: string;
  from: string;
  target: string;
  port?: number;
  expect: 'reachable' | 'unreachable';
  observed: 'reachable' | 'unreachable' | 'unknown';
  ok: boolean;
  reason: string;
  docs?: string;
  /** When this check last ran; checks run every checkIntervalMs, not every round. */
  checkedAt: string;
}
