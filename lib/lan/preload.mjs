// Loaded with `node --import` before Next.js starts (package.json's start script,
// scripts/next-start.mjs). Next.js opens its port and accepts requests before it loads any of the
// dashboard's code, so lib/lan/peer.ts, which stamps each request as it arrives, would miss the
// first ones and the proxy would refuse them. This keeps every request that arrives before then;
// peer.ts stamps them, in order, when it is installed, and stops this.
import dc from 'node:diagnostics_channel';

const CHANNEL = 'http.server.request.start';
const KEY = Symbol.for('mini-vm-dashboard.early-requests');
// Far more than a start-up ever sees; past it a request stays unstamped and is refused, not kept.
const MAX = 10_000;

if (!globalThis[KEY]) {
  const kept = [];
  const keep = (msg) => {
    if (kept.length < MAX) kept.push(msg);
  };
  dc.subscribe(CHANNEL, keep);
  globalThis[KEY] = {
    /** Stop keeping requests and hand over those kept so far. Called once, outside any request. */
    take() {
      dc.unsubscribe(CHANNEL, keep);
      return kept.splice(0);
    },
  };
}
