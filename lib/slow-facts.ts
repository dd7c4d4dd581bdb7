/**
 * Facts that follow from configuration rather than changing second to second (network checks, a
 * VM's address). Each is read again once it is older than `maxAgeMs`, or at once when what it
 * depends on (its key: OrbStack's state, a machine's state) has changed. Results that `keep`
 * rejects, such as a failed lookup, are not remembered, so the next round tries again.
 */
export class SlowFacts {
  private entries = new Map<string, { key: string; at: number; value: Promise<unknown> }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(name: string, key: string, produce: () => Promise<T>, keep: (v: T) => boolean = () => true): Promise<T> {
    const e = this.entries.get(name);
    const t = this.now();
    if (e && e.key === key && t - e.at < this.maxAgeMs) return e.value as Promise<T>;
    const value = produce();
    this.entries.set(name, { key, at: t, value });
    const forget = () => {
      if (this.entries.get(name)?.value === value) this.entries.delete(name);
    };
    value.then((v) => (keep(v) ? undefined : forget()), forget);
    return value;
  }
}
