// The outbox sender: a loop that claims ready rows (never more than it has free send slots, so a claimed
// row is sent soon and its lease stays short) and delivers them with bounded concurrency under the
// platforms' rate limits. It sleeps until the next row is due, a kick (after an enqueue) or a poll tick
// (rows enqueued by another process, leases expiring after a crash). Everything awaits: a 5,000-member
// fan-out never blocks the event loop.
//
// Exclusive sending (several replicas on one PostgreSQL database): the platforms' budgets (Slack's per
// channel, per method and global limits, Teams' the same) are for the whole bot, but each sender's
// RateLimiter only knows its own sends, so two replicas sending at once would together spend twice the
// budget. Rather than moving every bucket into the database (a round trip and a contended row per
// message), one sender at a time holds the named lease 'outbox-sender' (LeasesRepo) and sends; its
// in-process limiter then holds the whole budget. The others stand by, trying to take the lease every few
// seconds; the holder renews it as its loop turns and releases it on stop, after its last send, so another
// replica takes over within a retry; if the holder dies, it takes over once the short lease has lapsed.
// Every replica still enqueues, and claims stay fenced row by row, so a holder that stalls past its lease
// and wakes up sends at most the rows it already claimed (no more than `concurrency`) before it notices
// and stands by. drainOnce (the sandbox, `simulate`, the tests) ignores the lease: its owner runs it alone.
// On SQLite (one host, the file shared by at most a couple of processes) every sender sends, as before.
import { performance } from 'node:perf_hooks';
import type { ChatGateway, Clock, CoreLogger, OutboxPort, Platform } from '../core/ports/index.js';
import type { LeasesRepo } from '../store/leases.repo.js';
import type { ClaimedItem, OutboxRepo } from '../store/outbox.repo.js';
import { type DeliveryPolicy, type DeliveryResult, deliver, type ParkedItem } from './outbox-delivery.js';
import { type LimitsConfig, RateLimiter } from './rate-limit.js';
import { processOwner } from './run-coordinator.js';

export type { ParkedItem } from './outbox-delivery.js';

/** One sender at a time across the processes sharing the store (see the header comment). */
export interface ExclusiveSending {
  readonly leases: LeasesRepo;
  /** The lease's name (default 'outbox-sender'). */
  readonly key?: string;
  /** This sender's identity in the lease row (default host:pid:random). */
  readonly owner?: string;
  /** How long the lease lasts without a renewal, i.e. how soon a dead holder is replaced (default 15 s). */
  readonly ttlMs?: number;
  /** How often the holder renews it (default 5 s); well under `ttlMs`. */
  readonly renewMs?: number;
  /** How often a sender standing by tries to take it (default 5 s). */
  readonly retryMs?: number;
}

export const SENDER_LEASE_KEY = 'outbox-sender';

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
  /** Send only while holding the store's sender lease (several replicas on PostgreSQL); default: always send. */
  readonly exclusive?: ExclusiveSending;
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
  private readonly exclusive:
    | (Required<Omit<ExclusiveSending, 'leases'>> & { readonly leases: LeasesRepo })
    | undefined;
  /** Whether this sender holds the sending lease, and when (monotonic ms) to renew it. */
  private leaseHeld = false;
  private renewAt = 0;
  private wakeStandBy: (() => void) | undefined;

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
    const ex = opts.exclusive;
    this.exclusive = ex && {
      leases: ex.leases,
      key: ex.key ?? SENDER_LEASE_KEY,
      owner: ex.owner ?? processOwner(),
      ttlMs: ex.ttlMs ?? 15_000,
      renewMs: ex.renewMs ?? 5_000,
      retryMs: ex.retryMs ?? 5_000,
    };
  }

  /** True while this sender may send: not exclusive, or holding the sending lease. */
  get sending(): boolean {
    return this.running && (!this.exclusive || this.leaseHeld);
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
    this.wakeStandBy?.();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled([...this.inFlight]).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.opts.stopGraceMs ?? 5_000))),
    ]);
    clearTimeout(timer);
    if (!finished) await this.releaseInFlight();
    await this.releaseSendingLease();
    this.loop = undefined;
  }

  /** Takes or renews the sending lease when it is time to; true while this sender holds it. */
  private async holdSendingLease(): Promise<boolean> {
    const ex = this.exclusive;
    if (!ex) return true;
    const now = performance.now();
    if (this.leaseHeld && now < this.renewAt) return true;
    let held = false;
    try {
      // acquire renews a lease that is already ours, and takes one that is free or lapsed.
      held = await ex.leases.acquire(ex.key, ex.owner, { at: this.clock.now().toISOString(), ttlMs: ex.ttlMs });
    } catch (err) {
      this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox sending lease failed');
    }
    if (held && !this.leaseHeld) this.log.info({ owner: ex.owner, ttlMs: ex.ttlMs }, 'outbox sending lease taken');
    if (!held && this.leaseHeld) this.log.warn({ owner: ex.owner }, 'outbox sending lease lost: standing by');
    if (!held && this.renewAt === 0) this.log.info({ owner: ex.owner }, 'another process sends: standing by');
    this.leaseHeld = held;
    this.renewAt = now + ex.renewMs;
    return held;
  }

  /** Waits `retryMs` before trying the lease again; only a stop cuts it short (enqueues are not ours to send). */
  private async standBy(): Promise<void> {
    if (!this.running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeStandBy = undefined;
        resolve();
      }, this.exclusive!.retryMs);
      this.wakeStandBy = () => {
        this.wakeStandBy = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async releaseSendingLease(): Promise<void> {
    const ex = this.exclusive;
    const held = this.leaseHeld;
    this.leaseHeld = false;
    this.renewAt = 0;
    if (!ex || !held) return;
    try {
      await ex.leases.release(ex.key, ex.owner);
    } catch (err) {
      // Not released: it lapses after ttlMs and another process takes it then.
      this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox sending lease release failed');
    }
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
      if (!(await this.holdSendingLease())) {
        await this.standBy();
        continue;
      }
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
    // The holder of the sending lease wakes in time to renew it.
    if (this.exclusive && this.leaseHeld) delay = Math.min(delay, this.renewAt - performance.now());
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
