/**
 * The simulator's business clock: real time plus an offset tests can advance (to reach a review's
 * endTime without waiting days). Rate-limit windows use real time, not this clock.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** ISO 8601 UTC with second precision, as most OIG responses carry. */
  iso(ms = this.now()): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
}
