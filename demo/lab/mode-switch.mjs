// A simulator's failure switch: a mode, optionally for the next `times` requests only, after
// which it answers normally again (a homeserver that rate-limits twice, then accepts).

export function modeSwitch(modes) {
  let mode = 'ok';
  let times = null;
  return {
    get mode() {
      return mode;
    },
    get times() {
      return times;
    },
    /** Set from a control request; returns why not, or null. 'refuse' is the server's business, here it is 'ok'. */
    set(body) {
      if (!modes.includes(body.mode)) return `mode must be one of ${modes.join(', ')}`;
      if (body.times !== undefined && !(Number.isInteger(body.times) && body.times > 0)) return 'times must be a positive integer';
      mode = body.mode === 'refuse' ? 'ok' : body.mode;
      times = body.times ?? null;
      return null;
    },
    /** The mode for one request when it is one of `kinds` (else 'ok'), counting that request. */
    take(kinds) {
      if (mode === 'ok' || (kinds && !kinds.includes(mode))) return 'ok';
      const m = mode;
      if (times !== null && --times <= 0) [mode, times] = ['ok', null];
      return m;
    },
    reset() {
      [mode, times] = ['ok', null];
    },
  };
}
