// Token bucket, sliding window and limiter maths on a fake monotonic clock (the tests' FakeClock, in ms from 0).
import { describe, expect, it } from 'vitest';
import {
  bucket,
  DEFAULT_LIMITS,
  RateLimiter,
  SlidingWindow,
  TokenBucket,
  windowLimit,
} from '../../../src/scheduling/rate-limit.js';
import { FakeClock } from '../../helpers/clock.js';

describe('TokenBucket', () => {
  it('starts full, spends its burst, then refills at its rate', () => {
    const b = new TokenBucket(2, 3, 0); // 2 per second, burst 3
    for (let i = 0; i < 3; i++) {
      expect(b.waitMs(0)).toBe(0);
      b.take(0);
    }
    expect(b.waitMs(0)).toBe(500);
    expect(b.waitMs(250)).toBe(250);
    expect(b.waitMs(500)).toBe(0);
    b.take(500);
    expect(b.waitMs(500)).toBe(500);
  });

  it('never holds more than its capacity however long it idles', () => {
    const b = new TokenBucket(10, 5, 0);
    expect(b.available(60_000)).toBe(5);
    expect(b.idle(60_000)).toBe(true);
    b.take(60_000);
    expect(b.idle(60_000)).toBe(false);
    expect(b.idle(60_100)).toBe(true);
  });
});

describe('SlidingWindow', () => {
  it('allows at most max sends in any window', () => {
    const w = new SlidingWindow(3, 1000);
    for (const t of [0, 100, 200]) {
      expect(w.waitMs(t)).toBe(0);
      w.take(t);
    }
    expect(w.waitMs(300)).toBe(700); // the send at 0 leaves the window at 1000
    expect(w.waitMs(1000)).toBe(0);
    w.take(1000);
    expect(w.waitMs(1000)).toBe(100); // next: the send at 100 leaves at 1100
    expect(w.idle(1999)).toBe(false);
    expect(w.idle(2000)).toBe(true);
  });

  it('is exact where a token bucket of the same figures is not', () => {
    // "8 per 2 s": a bucket of 8 refilled 4/s lets 12 through in the first 2 s; the window lets 8.
    const count = (waitMs: (t: number) => number, take: (t: number) => void) => {
      let sent = 0;
      for (let t = 0; t < 2000; t += 10) {
        if (waitMs(t) === 0) {
          take(t);
          sent++;
        }
      }
      return sent;
    };
    const b = new TokenBucket(4, 8, 0);
    const w = new SlidingWindow(8, 2000);
    expect(
      count(
        (t) => b.waitMs(t),
        (t) => b.take(t),
      ),
    ).toBeGreaterThan(8);
    expect(
      count(
        (t) => w.waitMs(t),
        (t) => w.take(t),
      ),
    ).toBe(8);
  });
});

describe('RateLimiter', () => {
  it('applies the conversation and the global rules together', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ slack: { conversation: [bucket(1, 1)], global: [bucket(10, 2)] } }, clock.ms);
    expect(limiter.tryAcquire('slack', 'dm:a')).toEqual({ ok: true });
    // Same conversation: 1 per second.
    expect(limiter.tryAcquire('slack', 'dm:a')).toEqual({ ok: false, waitMs: 1000 });
    expect(limiter.tryAcquire('slack', 'dm:b')).toEqual({ ok: true });
    // Global burst of 2 spent: 10 per second.
    expect(limiter.tryAcquire('slack', 'dm:c')).toEqual({ ok: false, waitMs: 100 });
    clock.advance(100);
    expect(limiter.tryAcquire('slack', 'dm:c')).toEqual({ ok: true });
  });

  it('refusing a send spends nothing', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ slack: { conversation: [bucket(1, 1)], global: [bucket(1, 1)] } }, clock.ms);
    expect(limiter.tryAcquire('slack', 'dm:a').ok).toBe(true);
    clock.advance(500);
    // dm:a waits for its own bucket; the global token refilled by then must still be there for dm:b.
    expect(limiter.tryAcquire('slack', 'dm:a')).toEqual({ ok: false, waitMs: 500 });
    clock.advance(500);
    expect(limiter.tryAcquire('slack', 'dm:b').ok).toBe(true);
  });

  it('holds a conversation, or the whole platform, for a Retry-After', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ teams: { conversation: [], global: [] } }, clock.ms);
    limiter.pause('teams', 'conv:1', 3000);
    expect(limiter.tryAcquire('teams', 'conv:1')).toEqual({ ok: false, waitMs: 3000 });
    expect(limiter.tryAcquire('teams', 'conv:2').ok).toBe(true);
    expect(limiter.globalPauseMs('teams')).toBe(0);
    limiter.pause('teams', null, 2000);
    expect(limiter.globalPauseMs('teams')).toBe(2000);
    expect(limiter.tryAcquire('teams', 'conv:2')).toEqual({ ok: false, waitMs: 2000 });
    clock.advance(2000);
    expect(limiter.tryAcquire('teams', 'conv:2').ok).toBe(true);
    expect(limiter.tryAcquire('teams', 'conv:1')).toEqual({ ok: false, waitMs: 1000 });
  });

  it('resumes at the steady rate after a Retry-After, without bursting into the platform again', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ slack: { conversation: [], global: [bucket(50, 10)] } }, clock.ms);
    for (let i = 0; i < 10; i++) expect(limiter.tryAcquire('slack', `dm:${i}`).ok).toBe(true);
    limiter.pause('slack', null, 1000);
    clock.advance(1000);
    // A bucket left to refill during the pause would let 10 through at once here.
    expect(limiter.tryAcquire('slack', 'dm:a')).toEqual({ ok: false, waitMs: 20 });
    // One every 20 ms from then on: 50 in the second after the pause (1020 ms ... 2000 ms).
    let sent = 0;
    while (clock.ms() <= 2000) {
      const r = limiter.tryAcquire('slack', `dm:b${sent}`);
      if (r.ok) sent++;
      else clock.advance(r.waitMs);
    }
    expect(sent).toBe(50);
  });

  it('keeps Teams under 7/s, 8/2 s and 60/30 s in one conversation', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ teams: { global: [] } }, clock.ms);
    const sends: number[] = [];
    while (clock.ms() < 60_000) {
      const r = limiter.tryAcquire('teams', 'conv:x');
      if (r.ok) sends.push(clock.ms());
      else clock.advance(r.waitMs);
    }
    const inWindow = (w: number) => Math.max(...sends.map((t) => sends.filter((u) => u >= t && u < t + w).length));
    expect(inWindow(1000)).toBeLessThanOrEqual(7);
    expect(inWindow(2000)).toBeLessThanOrEqual(8);
    expect(inWindow(30_000)).toBeLessThanOrEqual(60);
    // ... and still uses what the platform allows: 60 per 30 s over a minute.
    expect(sends.length).toBe(120);
  });

  it('sandbox is unlimited; the defaults follow the published figures', () => {
    const limiter = new RateLimiter({}, new FakeClock().ms);
    for (let i = 0; i < 1000; i++) expect(limiter.tryAcquire('sandbox', 'dm:a').ok).toBe(true);
    expect(DEFAULT_LIMITS.slack.conversation).toEqual([bucket(1, 3)]);
    expect(DEFAULT_LIMITS.teams.conversation).toEqual([
      windowLimit(7, 1000),
      windowLimit(8, 2000),
      windowLimit(60, 30_000),
    ]);
    expect(DEFAULT_LIMITS.teams.global).toEqual([bucket(50, 10)]);
  });

  it('forgets idle conversations so a big fan-out does not grow memory', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ slack: { global: [] } }, clock.ms);
    for (let i = 0; i < 6000; i++) limiter.tryAcquire('slack', `dm:${i}`);
    expect(limiter.tracked).toBeGreaterThan(5000);
    clock.advance(10_000); // every bucket refilled
    limiter.tryAcquire('slack', 'dm:new');
    expect(limiter.tracked).toBe(1);
  });
});
