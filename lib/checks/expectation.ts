import type { CheckStatus } from '../types';

export type Reach = CheckStatus['observed'];

/** Where a mismatch is explained: the VM's network limitations. */
export const NETWORK_DOCS = '/docs/mini#orbstack-vm-network-limitations';

/**
 * Judge an observation against what the docs say should happen. Unreachable can be the right
 * answer ("the VM cannot reach the key light"); only a mismatch, or no answer at all, fails.
 */
export function judge(expect: 'reachable' | 'unreachable', observed: Reach, detail: string): { ok: boolean; reason: string } {
  if (observed === 'unknown') return { ok: false, reason: `could not tell: ${detail}` };
  if (observed === expect) return { ok: true, reason: `${observed}, as expected (${detail})` };
  return {
    ok: false,
    reason:
      expect === 'unreachable'
        ? `reachable, but the docs say it should not be (${detail})`
        : `unreachable, but the docs say it should be (${detail})`,
  };
}
