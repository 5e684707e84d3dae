// The durable scheduler's clock: a node-cron task (every minute by default) that asks the engine for one
// tick, elected per fire through the store-backed RunCoordinator so processes sharing the database run
// each fire once. node-cron keeps no state: what is due and what was sent lives in the database, so a
// catch-up tick at start covers fires missed while the process was down.
import { type Logger as CronLogger, createTask, type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Clock, CoreLogger } from '../core/ports/index.js';

export interface FireInfo {
  /** The cron slot this tick runs for; the start-up catch-up has none. */
  readonly slot: Date | null;
  readonly reason: 'cron' | 'catch-up';
}

export interface SchedulerOptions {
  readonly tick: (now: Date, fire: FireInfo) => Promise<unknown>;
  readonly clock: Clock;
  readonly log: CoreLogger;
  readonly coordinator: RunCoordinator;
  /** 5 or 6 fields (seconds first); default every minute. */
  readonly cronExpr?: string;
  /** The task name, also the prefix of the coordination keys. */
  readonly name?: string;
  /** Run one tick right after start (default true). */
  readonly catchUp?: boolean;
  /** How long a fire's lease lasts while it runs (default 5 min). */
  readonly leaseMs?: number;
}

export interface Scheduler {
  start(): Promise<void>;
  /** Stops firing and waits for a tick in progress. */
  stop(): Promise<void>;
  readonly running: boolean;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** node-cron's own warnings (missed fire, overlap) go to our logger. */
function cronLogger(log: CoreLogger): CronLogger {
  return {
    info: (m) => log.info({ area: 'cron' }, m),
    warn: (m) => log.warn({ area: 'cron' }, m),
    error: (m, err) => log.error({ area: 'cron', err: message(err ?? m) }, typeof m === 'string' ? m : 'cron error'),
    debug: (m) => log.debug({ area: 'cron' }, typeof m === 'string' ? m : m.message),
  };
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const name = opts.name ?? 'rituals-tick';
  const cronExpr = opts.cronExpr ?? '* * * * *';
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  let task: ScheduledTask | undefined;
  const inFlight = new Set<Promise<void>>();

  // A failing tick is logged and the next fire goes on: never throw into node-cron. Ticks of this process
  // run one after the other (the catch-up and a cron fire may meet).
  let queue: Promise<void> = Promise.resolve();
  const runTick = (fire: FireInfo): Promise<void> => {
    const p = queue.then(async () => {
      const started = Date.now();
      try {
        await opts.tick(opts.clock.now(), fire);
        opts.log.debug(
          { slot: fire.slot?.toISOString() ?? null, reason: fire.reason, ms: Date.now() - started },
          'tick done',
        );
      } catch (err) {
        opts.log.error(
          { slot: fire.slot?.toISOString() ?? null, reason: fire.reason, err: message(err) },
          'tick failed',
        );
      }
    });
    queue = p;
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  const catchUp = async () => {
    // Coordinated too, so processes starting in the same minute run one catch-up between them.
    const minute = new Date(Math.floor(opts.clock.now().getTime() / 60_000) * 60_000);
    const key = `${name}:catch-up:${minute.toISOString()}`;
    let elected = false;
    try {
      elected = await opts.coordinator.shouldRun(key, leaseMs);
    } catch (err) {
      opts.log.error({ err: message(err) }, 'catch-up election failed');
    }
    if (!elected) return;
    await runTick({ slot: null, reason: 'catch-up' });
    try {
      await opts.coordinator.onComplete?.(key);
    } catch (err) {
      opts.log.error({ err: message(err) }, 'catch-up completion failed');
    }
  };

  return {
    get running() {
      return task !== undefined;
    },
    async start() {
      if (task) return;
      task = createTask(cronExpr, (ctx) => runTick({ slot: ctx.date, reason: 'cron' }), {
        name,
        timezone: 'UTC',
        distributed: true,
        runCoordinator: opts.coordinator,
        distributedLease: leaseMs,
        noOverlap: true,
        logger: cronLogger(opts.log),
      });
      await task.start();
      opts.log.info({ name, cron: cronExpr }, 'scheduler started');
      if (opts.catchUp ?? true) {
        // In the background: start-up does not wait for a tick.
        const p = catchUp();
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    },
    async stop() {
      const t = task;
      if (!t) return;
      task = undefined;
      await t.stop();
      await t.destroy();
      await Promise.allSettled([...inFlight]);
      opts.log.info({ name }, 'scheduler stopped');
    },
  };
}
