// The one fake clock of the tests: a Clock (the core's port) the test sets or moves by hand, plus the
// same instant as monotonic milliseconds for what measures durations (the rate limiter).
import type { Clock } from '../../src/core/ports/index.js';

export class FakeClock implements Clock {
  private current: number;
  constructor(start: Date | string | number = 0) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
  /** The current instant in milliseconds, for a monotonic time source (`limiterNow`, RateLimiter). */
  readonly ms = (): number => this.current;
}
