/** A tiny writer for the Prometheus text exposition format (version 0.0.4). */
export class Exposition {
  private lines: string[] = [];

  family(name: string, type: 'gauge' | 'counter', help: string, samples: [Record<string, string>, number | null | undefined][]): this {
    const shown = samples.filter(([, v]) => v !== null && v !== undefined && Number.isFinite(v));
    if (shown.length === 0) return this;
    this.lines.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of shown) this.lines.push(`${name}${labelText(labels)} ${v}`);
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** One sample per possible state, 1 for the current one: the usual way to export an enum. */
export function oneHot<S extends string>(states: readonly S[], current: S, labels: Record<string, string> = {}): [Record<string, string>, number][] {
  return states.map((s) => [{ ...labels, state: s }, s === current ? 1 : 0]);
}
