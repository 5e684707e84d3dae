// The daily retention job: a node-cron task (03:17 UTC by default, a quiet hour in Europe) that applies
// the retention settings, elected through the same store-backed RunCoordinator as the ritual tick so
// processes sharing the database run it once a day. No catch-up at start: the cutoffs are relative to
// the run, so a day missed is made up by the next one.
import type { RunCoordinator } from 'node-cron';
import type { Clock, CoreLogger } from '../core/ports/index.js';
import { createScheduler, type Scheduler } from './scheduler.js';

export const RETENTION_CRON = '17 3 * * *';

export function createRetentionJob(opts: {
  readonly apply: (now: Date) => Promise<unknown>;
  readonly clock: Clock;
  readonly log: CoreLogger;
  readonly coordinator: RunCoordinator;
  readonly cronExpr?: string;
}): Scheduler {
  return createScheduler({
    tick: (now) => opts.apply(now),
    clock: opts.clock,
    log: opts.log,
    coordinator: opts.coordinator,
    cronExpr: opts.cronExpr ?? RETENTION_CRON,
    name: 'retention',
    catchUp: false,
    leaseMs: 30 * 60_000,
  });
}
