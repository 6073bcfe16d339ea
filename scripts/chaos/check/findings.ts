// What a check run found: failures (each naming node, height and digest where they apply) and
// counts. Failures are capped so that one systematic defect across thousands of heights or acks
// reports as a few lines and a total, not a wall of text.
export const FAILURES_MAX = 200;

export class Findings {
  readonly failures: string[] = [];
  readonly counts: Record<string, number> = {};
  private suppressed = 0;

  fail(message: string): void {
    this.add('failures', 1);
    if (this.failures.length < FAILURES_MAX) this.failures.push(message);
    else this.suppressed++;
  }

  add(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  set(name: string, value: number): void {
    this.counts[name] = value;
  }

  max(name: string, value: number): void {
    this.counts[name] = Math.max(this.counts[name] ?? value, value);
  }

  /** The failure list, with one closing line for those left out. */
  list(): string[] {
    return this.suppressed === 0 ? [...this.failures] : [...this.failures, `... and ${this.suppressed} more failures`];
  }
}
