// The sandbox's clock: real time plus an offset that the page's clock buttons move forward, so a month of
// rituals passes in a few clicks. Implements the core's Clock port; the offset is kept in a file next to
// the sandbox database so time travel survives a restart. `simulate` uses it with a frozen real time.
import type { Clock } from '../core/ports/index.js';
import { readJsonFile, removeJsonFile, writeJsonFile } from './json-file.js';

export interface SandboxClockOptions {
  /** Where the offset is kept; undefined keeps it in memory. */
  readonly file?: string;
  /** The real time source (tests and `simulate` pass a fixed one). */
  readonly realNow?: () => Date;
}

export class SandboxClock implements Clock {
  private offsetMs = 0;
  private pinned: Date | undefined;
  private readonly realNow: () => Date;

  constructor(private readonly opts: SandboxClockOptions = {}) {
    this.realNow = opts.realNow ?? (() => new Date());
    const saved = readJsonFile(opts.file) as { offsetMs?: unknown } | undefined;
    if (saved && typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs)) this.offsetMs = saved.offsetMs;
  }

  now(): Date {
    if (this.pinned) return new Date(this.pinned.getTime());
    return new Date(this.realNow().getTime() + this.offsetMs);
  }

  /** Runs `fn` with the clock stopped at `instant`, even in the past (seeding history); then resumes. */
  async during<T>(instant: Date, fn: () => Promise<T>): Promise<T> {
    const before = this.pinned;
    this.pinned = instant;
    try {
      return await fn();
    } finally {
      this.pinned = before;
    }
  }

  /** How far ahead of real time the sandbox is. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the sandbox to `instant`; never backwards (rituals already sent stay in the past). */
  set(instant: Date): Date {
    const target = instant.getTime();
    if (target > this.now().getTime()) {
      this.offsetMs = target - this.realNow().getTime();
      writeJsonFile(this.opts.file, { offsetMs: this.offsetMs });
    }
    return this.now();
  }

  advanceBy(ms: number): Date {
    return this.set(new Date(this.now().getTime() + Math.max(0, ms)));
  }

  /** Moves the sandbox back to `instant`: only before anything ran, on first start, to replay the last
   * week live (the clock then moves forward to real time through every ritual on the way). */
  rewind(instant: Date): void {
    this.offsetMs = instant.getTime() - this.realNow().getTime();
    writeJsonFile(this.opts.file, { offsetMs: this.offsetMs });
  }

  /** Back to real time (the reset button). */
  reset(): void {
    this.offsetMs = 0;
    removeJsonFile(this.opts.file);
  }
}
