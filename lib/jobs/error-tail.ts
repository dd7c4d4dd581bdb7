/** Keeps the last few error lines (and the last lines at all) of a job's output, for its failure summary. */
export class ErrorTail {
  private errors: string[] = [];
  private last: string[] = [];
  constructor(
    private readonly isError: (line: string) => boolean = () => false,
    private readonly keep = 8,
  ) {}

  push(line: string): void {
    const l = line.trimEnd();
    if (!l.trim()) return;
    this.last.push(l);
    if (this.last.length > this.keep) this.last.shift();
    // A bare "error:" opens a multi-line error (nix does this); the lines after it say what went wrong.
    if (this.isError(l) && !/^\s*error:\s*$/.test(l)) {
      this.errors.push(l);
      if (this.errors.length > this.keep) this.errors.shift();
    }
  }

  lines(): string[] {
    return this.errors.length ? [...this.errors] : [...this.last];
  }
}
