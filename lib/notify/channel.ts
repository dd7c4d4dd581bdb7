import type { NotifierConfig } from '../config';
import type { AlertEvent, NotifierFilter } from './events';
import { matrixChannel } from './matrix-channel';
import type { RenderedAlert } from './messages';
import type { AttemptResult, RetryPolicy } from './queue-store';
import { webhookChannel } from './webhook';

// One configured notifier as the delivery worker sees it: how to make one attempt, and the rules
// around it (filters, retries, fallback). Matrix and webhooks differ only in send().

export interface Channel {
  readonly id: string;
  readonly kind: NotifierConfig['kind'];
  /** Where it posts, in words, for the page and the log: never a token. */
  readonly where: string;
  /** scheme://host:port of its server: when a probed service there comes back, its queue is retried at once. */
  readonly origin: string;
  readonly filter: NotifierFilter;
  readonly remindEveryMinutes?: number;
  readonly fallback?: string;
  readonly timeoutMs: number;
  /** A test message tries this notifier alone: no fallback. */
  policy(test: boolean): RetryPolicy;
  /** One attempt; never throws. `key` is the event's stable key (the Matrix txnId comes from it). */
  send(message: RenderedAlert, event: AlertEvent, key: string): Promise<AttemptResult>;
}

export interface ChannelOptions {
  env?: Partial<NodeJS.ProcessEnv>;
  log?: (line: string) => void;
}

/** The retry policy every kind shares, from the notifier's own settings. */
export function policyOf(n: NotifierConfig, test: boolean): RetryPolicy {
  return {
    attemptsBeforeFallback: n.retries + 1,
    fallback: test ? undefined : n.fallback,
    baseMs: n.retryDelayMs,
    capMs: Math.max(n.retryDelayMs, n.maxRetryDelayMs),
  };
}

export function buildChannel(n: NotifierConfig, opts: ChannelOptions = {}): Channel {
  return n.kind === 'matrix' ? matrixChannel(n, opts) : webhookChannel(n, opts);
}

export const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};
