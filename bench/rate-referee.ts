// The rate limits a fake platform enforces, as the platform documents them: token buckets ("1 message
// per second per channel, short bursts allowed", a workspace-wide ceiling) and sliding windows (Teams:
// "7 per second, 8 per 2 s, 60 per 30 s" per conversation). A call either passes every rule, and is
// counted against all of them, or gets the seconds to wait for a 429's Retry-After. Written apart from
// the bot's own limiter on purpose: it is the referee the bot is measured against.

export type RefereeRule =
  | { readonly kind: 'bucket'; readonly perSecond: number; readonly burst: number }
  | { readonly kind: 'window'; readonly max: number; readonly windowMs: number };

interface RuleState {
  /** ms until one more call would pass (0: now). */
  wait(now: number): number;
  take(now: number): void;
}

function bucketState(perSecond: number, burst: number, now: number): RuleState {
  let tokens = burst;
  let last = now;
  const refill = (t: number) => {
    if (t > last) {
      tokens = Math.min(burst, tokens + ((t - last) * perSecond) / 1000);
      last = t;
    }
  };
  return {
    wait(t) {
      refill(t);
      return tokens >= 1 ? 0 : ((1 - tokens) * 1000) / perSecond;
    },
    take(t) {
      refill(t);
      tokens -= 1;
    },
  };
}

function windowState(max: number, windowMs: number): RuleState {
  const times: number[] = [];
  return {
    wait(t) {
      while (times.length > 0 && times[0]! <= t - windowMs) times.shift();
      return times.length < max ? 0 : times[0]! + windowMs - t;
    },
    take(t) {
      times.push(t);
    },
  };
}

const stateOf = (r: RefereeRule, now: number): RuleState =>
  r.kind === 'bucket' ? bucketState(r.perSecond, r.burst, now) : windowState(r.max, r.windowMs);

export interface RefereeStats {
  /** Calls let through. */
  passed: number;
  /** Calls answered 429 (by a per-key rule or a global one). */
  throttled: number;
  throttledByKey: number;
  throttledGlobally: number;
}

export class RateReferee {
  private readonly global: RuleState[];
  private readonly perKey = new Map<string, RuleState[]>();
  readonly stats: RefereeStats = { passed: 0, throttled: 0, throttledByKey: 0, throttledGlobally: 0 };

  constructor(
    private readonly keyRules: readonly RefereeRule[],
    globalRules: readonly RefereeRule[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.global = globalRules.map((r) => stateOf(r, now()));
  }

  /** undefined when the call passes (and is counted), else the Retry-After in whole seconds (at least 1). */
  check(key: string): number | undefined {
    const t = this.now();
    let rules = this.perKey.get(key);
    if (!rules) {
      rules = this.keyRules.map((r) => stateOf(r, t));
      this.perKey.set(key, rules);
    }
    const keyWait = Math.max(0, ...rules.map((r) => r.wait(t)));
    const globalWait = Math.max(0, ...this.global.map((r) => r.wait(t)));
    if (keyWait > 0 || globalWait > 0) {
      this.stats.throttled++;
      if (keyWait > 0) this.stats.throttledByKey++;
      else this.stats.throttledGlobally++;
      // Retry-After is whole seconds on both platforms.
      return Math.max(1, Math.ceil(Math.max(keyWait, globalWait) / 1000));
    }
    for (const r of rules) r.take(t);
    for (const r of this.global) r.take(t);
    this.stats.passed++;
    return undefined;
  }
}
