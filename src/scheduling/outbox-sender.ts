// The outbox sender: a loop that claims ready rows (never more than it has free send slots, so a claimed
// row is sent soon and its lease stays short) and delivers them with bounded concurrency under the
// platforms' rate limits. It sleeps until the next row is due, a kick (after an enqueue) or a poll tick
// (rows enqueued by another process, leases expiring after a crash). Everything awaits: a 5,000-member
// fan-out never blocks the event loop.
import type { ChatGateway, Clock, CoreLogger, OutboxPort, Platform } from '../core/ports/index.js';
import type { ClaimedItem, OutboxRepo } from '../store/outbox.repo.js';
import { type DeliveryPolicy, type DeliveryResult, deliver, type ParkedItem } from './outbox-delivery.js';
import { type LimitsConfig, RateLimiter } from './rate-limit.js';

export type { ParkedItem } from './outbox-delivery.js';

export interface OutboxSenderOptions {
  readonly repo: OutboxRepo;
  readonly gateways: Partial<Record<Platform, ChatGateway>>;
  readonly clock: Clock;
  readonly log: CoreLogger;
  /** Sends in flight at once (default 8). */
  readonly concurrency?: number;
  /** Transient failures before a row is parked (default 8). */
  readonly maxAttempts?: number;
  /** How long a claimed row is ours (default 60 s); must exceed a gateway's timeout plus `maxHoldMs`. */
  readonly leaseMs?: number;
  readonly limits?: LimitsConfig;
  readonly backoff?: { readonly baseMs?: number; readonly capMs?: number };
  readonly maxHoldMs?: number;
  /** Longest idle sleep, i.e. how soon other processes' rows and expired leases are noticed (default 1 s). */
  readonly pollMs?: number;
  readonly random?: () => number;
  /** Monotonic milliseconds for the rate limiter (default performance.now). */
  readonly limiterNow?: () => number;
  readonly onParked?: (item: ParkedItem) => void | Promise<void>;
  /**
   * How long stop() waits for the sends in flight (default 5 s): a platform that does not answer must not
   * hold a process stop past its supervisor's patience. Rows still in flight then are released.
   */
  readonly stopGraceMs?: number;
}

export interface DrainSummary {
  sent: number;
  rateLimited: number;
  deferred: number;
  failed: number;
  parked: number;
}

const emptySummary = (): DrainSummary => ({ sent: 0, rateLimited: 0, deferred: 0, failed: 0, parked: 0 });
const FIELD: Partial<Record<DeliveryResult, keyof DrainSummary>> = {
  sent: 'sent',
  rate_limited: 'rateLimited',
  deferred: 'deferred',
  failed: 'failed',
  parked: 'parked',
};
const MIN_IDLE_MS = 10;

export class OutboxSender {
  private readonly repo: OutboxRepo;
  private readonly log: CoreLogger;
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly limiter: RateLimiter;
  private readonly policy: DeliveryPolicy;
  private readonly inFlight = new Set<Promise<void>>();
  /** The row each send in flight delivers, to release it when a stop cannot wait any longer. */
  private readonly inFlightItems = new Map<Promise<void>, ClaimedItem>();
  private readonly totals = emptySummary();
  private loop: Promise<void> | undefined;
  private running = false;
  private stopping = false;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(private readonly opts: OutboxSenderOptions) {
    this.repo = opts.repo;
    this.log = opts.log;
    this.clock = opts.clock;
    this.concurrency = Math.max(1, opts.concurrency ?? 8);
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.limiter = new RateLimiter(opts.limits, opts.limiterNow);
    this.policy = {
      maxAttempts: Math.max(1, opts.maxAttempts ?? 8),
      backoffBaseMs: opts.backoff?.baseMs ?? 1_000,
      backoffCapMs: opts.backoff?.capMs ?? 5 * 60_000,
      maxHoldMs: opts.maxHoldMs ?? 2_000,
      defaultRetryAfterMs: 1_000,
    };
  }

  /** What this sender did since it was created. */
  get stats(): Readonly<DrainSummary> {
    return { ...this.totals };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  /**
   * Stops claiming, lets the sends in flight finish (rows waiting for a rate-limit slot go back to the
   * table). Sends still unanswered after `stopGraceMs` have their rows released: pending and due now, so
   * the next sender (this process restarted, or another one) sends them without waiting for the lease.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping = true;
    this.kick();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled([...this.inFlight]).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.opts.stopGraceMs ?? 5_000))),
    ]);
    clearTimeout(timer);
    if (!finished) await this.releaseInFlight();
    this.loop = undefined;
  }

  // A late answer to a released send may still mark its row sent (markSent is not fenced); if the process
  // is gone by then, the row is sent again: at least once, as after a crash.
  private async releaseInFlight(): Promise<void> {
    const at = this.clock.now().toISOString();
    let released = 0;
    for (const item of this.inFlightItems.values()) {
      try {
        if (await this.repo.reschedule(item, { at, nextAttemptAt: at, countAttempt: false })) released++;
      } catch (err) {
        this.log.error(
          { outboxId: item.id, err: err instanceof Error ? err.message : String(err) },
          'outbox claim release failed',
        );
      }
    }
    this.log.warn(
      { released, graceMs: this.opts.stopGraceMs ?? 5_000 },
      'outbox sends still unanswered at stop: their rows were released',
    );
  }

  /** Wakes the loop now, e.g. right after an enqueue. */
  kick(): void {
    this.kicked = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Delivers every row ready now, then returns (tests, CLI). Not while started. */
  async drainOnce(): Promise<DrainSummary> {
    if (this.running) throw new Error('drainOnce() cannot run while the sender is started');
    const summary = emptySummary();
    for (;;) {
      const claimed = await this.fill(summary);
      if (claimed === 0 && this.inFlight.size === 0) return summary;
      if (claimed === 0 || this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    }
  }

  private async run(): Promise<void> {
    this.log.info({ concurrency: this.concurrency, leaseMs: this.leaseMs }, 'outbox sender started');
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.fill();
      } catch (err) {
        this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox claim failed');
      }
      if (!this.running) break;
      // A full batch may mean more is ready: go again, after letting other work run.
      if (claimed > 0 && this.inFlight.size < this.concurrency) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await this.idle(claimed);
    }
    this.log.info({ ...this.totals }, 'outbox sender stopped');
  }

  /** Claims as many rows as there are free slots and starts delivering them; returns how many. */
  private async fill(summary?: DrainSummary): Promise<number> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const paused = (Object.keys(this.opts.gateways) as Platform[]).filter((p) => this.limiter.globalPauseMs(p) > 0);
    const rows = await this.repo.claim({
      at: this.clock.now().toISOString(),
      limit: free,
      leaseMs: this.leaseMs,
      excludePlatforms: paused,
    });
    for (const row of rows) this.launch(row, summary);
    return rows.length;
  }

  private launch(item: ClaimedItem, summary?: DrainSummary): void {
    const task = deliver(
      {
        repo: this.repo,
        gateways: this.opts.gateways,
        limiter: this.limiter,
        clock: this.clock,
        log: this.log,
        policy: this.policy,
        random: this.opts.random ?? Math.random,
        onParked: this.opts.onParked,
        stopping: () => this.stopping,
      },
      item,
    ).then(
      (result) => {
        const field = FIELD[result];
        if (field) {
          this.totals[field]++;
          if (summary) summary[field]++;
        }
      },
      (err: unknown) => {
        // A store error mid-delivery: the row keeps its lease and is retried once the lease expires.
        this.log.error(
          { outboxId: item.id, err: err instanceof Error ? err.message : String(err) },
          'outbox delivery failed',
        );
      },
    );
    const tracked = task.finally(() => {
      this.inFlight.delete(tracked);
      this.inFlightItems.delete(tracked);
      this.kick();
    });
    this.inFlight.add(tracked);
    this.inFlightItems.set(tracked, item);
  }

  /** Sleeps until the next row is due (bounded by the poll interval), a kick, or a free slot. */
  private async idle(lastClaimed: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return;
    }
    let delay = this.pollMs;
    if (this.inFlight.size < this.concurrency) {
      try {
        const due = await this.repo.nextDueAt();
        if (due !== undefined) delay = Math.min(this.pollMs, Date.parse(due) - this.clock.now().getTime());
      } catch (err) {
        this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox due lookup failed');
      }
      // Due rows that were not claimed belong to a paused platform: wait for the pause instead of spinning.
      if (lastClaimed === 0 && delay <= 0) {
        const pauses = (Object.keys(this.opts.gateways) as Platform[])
          .map((p) => this.limiter.globalPauseMs(p))
          .filter((ms) => ms > 0);
        delay = pauses.length ? Math.min(this.pollMs, ...pauses) : MIN_IDLE_MS;
      }
    }
    delay = Math.max(MIN_IDLE_MS, delay);
    if (this.kicked) {
      this.kicked = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, delay);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.kicked = false;
  }
}

/** The outbox as the core sees it, waking the sender whenever something new was queued. */
export function notifyingOutbox(outbox: OutboxPort, sender: Pick<OutboxSender, 'kick'>): OutboxPort {
  return {
    async enqueue(items, opts) {
      const result = await outbox.enqueue(items, opts);
      if (result.enqueued > 0) sender.kick();
      return result;
    },
    deliveredRef: (dedupeKey) => outbox.deliveredRef(dedupeKey),
  };
}
