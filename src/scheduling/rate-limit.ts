// Outbound rate limits per platform: rules per conversation (a Slack channel, a Teams conversation) and
// global rules per platform (the app or workspace ceiling), plus "pause until" for a Retry-After.
// Two kinds of rule, as the platforms document them: a token bucket (Slack: "1 message per second per
// channel, short bursts allowed") and a sliding window (Teams: "7 per second, 8 per 2 s, 60 per 30 s"),
// because a token bucket of capacity N refilled N per W can let almost 2N through in one window W.
// Time is a monotonic millisecond counter passed in, so the maths is testable with a fake clock.
import type { Platform } from '../core/ports/index.js';

export type LimitRule =
  | { readonly kind: 'bucket'; readonly perSecond: number; readonly burst: number }
  | { readonly kind: 'window'; readonly max: number; readonly windowMs: number };

export const bucket = (perSecond: number, burst = 1): LimitRule => ({
  kind: 'bucket',
  perSecond,
  burst: Math.max(1, burst),
});
export const windowLimit = (max: number, windowMs: number): LimitRule => ({ kind: 'window', max, windowMs });

export interface PlatformLimits {
  /** Applied per conversation key (each DM, each channel). */
  readonly conversation: readonly LimitRule[];
  /** Applied to every send of the platform. */
  readonly global: readonly LimitRule[];
}

export type LimitsConfig = Partial<Record<Platform, Partial<PlatformLimits>>>;

/** Defaults from the platforms' published limits; the global Slack ceiling is undocumented, so configurable. */
export const DEFAULT_LIMITS: Readonly<Record<Platform, PlatformLimits>> = {
  slack: { conversation: [bucket(1, 3)], global: [bucket(50, 10)] },
  teams: {
    conversation: [windowLimit(7, 1_000), windowLimit(8, 2_000), windowLimit(60, 30_000)],
    global: [bucket(50, 10)],
  },
  sandbox: { conversation: [], global: [] },
};

export function resolveLimits(overrides: LimitsConfig = {}): Record<Platform, PlatformLimits> {
  const out = { ...DEFAULT_LIMITS };
  for (const [platform, o] of Object.entries(overrides) as [Platform, Partial<PlatformLimits>][]) {
    out[platform] = {
      conversation: o.conversation ?? out[platform].conversation,
      global: o.global ?? out[platform].global,
    };
  }
  return out;
}

/** One rule's state. `waitMs` says when one more send would be allowed; `take` records a send. */
interface RuleState {
  waitMs(now: number): number;
  take(now: number): void;
  /** True when the state carries no memory any more (full bucket, empty window): it can be dropped. */
  idle(now: number): boolean;
  /** After a Retry-After until `until`: spend what was saved up, so sending resumes at the steady rate. */
  drain(until: number): void;
}

export class TokenBucket implements RuleState {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
    }
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / this.perSecond;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  idle(now: number): boolean {
    return this.available(now) >= this.capacity;
  }

  drain(until: number): void {
    this.tokens = 0;
    this.last = Math.max(this.last, until);
  }
}

/** At most `max` sends in any `windowMs`: a ring of the last `max` send times, grown lazily. */
export class SlidingWindow implements RuleState {
  private readonly times: number[] = [];
  private head = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  waitMs(now: number): number {
    if (this.times.length < this.max) return 0;
    // The oldest of the last `max` sends must leave the window before another may go.
    return Math.max(0, this.times[this.head]! + this.windowMs - now);
  }

  take(now: number): void {
    if (this.times.length < this.max) this.times.push(now);
    else {
      this.times[this.head] = now;
      this.head = (this.head + 1) % this.max;
    }
  }

  idle(now: number): boolean {
    const newest =
      this.times.length < this.max
        ? this.times[this.times.length - 1]
        : this.times[(this.head + this.max - 1) % this.max];
    return newest === undefined || newest + this.windowMs <= now;
  }

  // A window remembers its recent sends by itself: nothing saved up to spend.
  drain(): void {}
}

function stateOf(rule: LimitRule, now: number): RuleState {
  return rule.kind === 'bucket'
    ? new TokenBucket(rule.perSecond, rule.burst, now)
    : new SlidingWindow(rule.max, rule.windowMs);
}

interface Scope {
  readonly rules: RuleState[];
  pausedUntil: number;
}

export type Acquired = { readonly ok: true } | { readonly ok: false; readonly waitMs: number };

export class RateLimiter {
  private readonly limits: Record<Platform, PlatformLimits>;
  private readonly globals = new Map<Platform, Scope>();
  private readonly conversations = new Map<string, Scope>();
  private lastSweep: number;

  constructor(
    limits: LimitsConfig = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limits = resolveLimits(limits);
    this.lastSweep = now();
  }

  /** Takes one send for this conversation if every rule and pause allows it now; else says how long to wait. */
  tryAcquire(platform: Platform, conversation: string): Acquired {
    const now = this.now();
    this.sweep(now);
    const global = this.globalScope(platform, now);
    const conv = this.conversationScope(platform, conversation, now);
    let wait = Math.max(0, global.pausedUntil - now, conv.pausedUntil - now);
    for (const r of global.rules) wait = Math.max(wait, r.waitMs(now));
    for (const r of conv.rules) wait = Math.max(wait, r.waitMs(now));
    if (wait > 0) return { ok: false, waitMs: wait };
    for (const r of global.rules) r.take(now);
    for (const r of conv.rules) r.take(now);
    return { ok: true };
  }

  /**
   * A Retry-After: no send to this conversation (or, with null, to the whole platform) for `ms`. The
   * scope's buckets are emptied too: a bucket that filled up during the pause would burst again the
   * moment it ends, into a platform that has just said it was over its limit, and each 429 costs a
   * whole second of Retry-After (a 5,000-member Slack fan-out fell to ~6 messages/s that way).
   */
  pause(platform: Platform, conversation: string | null, ms: number): void {
    const now = this.now();
    const scope =
      conversation === null ? this.globalScope(platform, now) : this.conversationScope(platform, conversation, now);
    scope.pausedUntil = Math.max(scope.pausedUntil, now + ms);
    for (const r of scope.rules) r.drain(scope.pausedUntil);
  }

  /** How long the whole platform is paused for (0 when it is not). */
  globalPauseMs(platform: Platform): number {
    const scope = this.globals.get(platform);
    return scope ? Math.max(0, scope.pausedUntil - this.now()) : 0;
  }

  /** Conversations with state in memory (the sweep drops idle ones). */
  get tracked(): number {
    return this.conversations.size;
  }

  private globalScope(platform: Platform, now: number): Scope {
    let scope = this.globals.get(platform);
    if (!scope) {
      scope = { rules: this.limits[platform].global.map((r) => stateOf(r, now)), pausedUntil: 0 };
      this.globals.set(platform, scope);
    }
    return scope;
  }

  private conversationScope(platform: Platform, conversation: string, now: number): Scope {
    const key = `${platform}\u0000${conversation}`;
    let scope = this.conversations.get(key);
    if (!scope) {
      scope = { rules: this.limits[platform].conversation.map((r) => stateOf(r, now)), pausedUntil: 0 };
      this.conversations.set(key, scope);
    }
    return scope;
  }

  // A fan-out touches thousands of DMs once each: forget the ones that no longer constrain anything.
  private sweep(now: number): void {
    const every = this.conversations.size < 5_000 ? 10_000 : 1_000;
    if (now - this.lastSweep < every) return;
    this.lastSweep = now;
    for (const [key, scope] of this.conversations) {
      if (scope.pausedUntil <= now && scope.rules.every((r) => r.idle(now))) this.conversations.delete(key);
    }
  }
}
