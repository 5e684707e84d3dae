// A bot process reduced to its scheduler, for the one-runner-per-fire test:
//   node --import tsx test/helpers/scheduler-worker.ts --db FILE [--seconds 5] [--cron '* * * * * *']
// Runs the node-cron scheduler with the store-backed RunCoordinator and prints JSON lines:
// {"event":"election","key":...,"won":true|false} for each fire it saw, {"event":"tick","slot":...} for
// each tick it ran, then {"event":"stopped"}.
import { parseArgs } from 'node:util';
import type { CoreLogger } from '../../src/core/ports/index.js';
import { createRunCoordinator } from '../../src/scheduling/run-coordinator.js';
import { createScheduler } from '../../src/scheduling/scheduler.js';
import { openStore } from '../../src/store/connection.js';
import { createLeasesRepo } from '../../src/store/leases.repo.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    cron: { type: 'string', default: '* * * * * *' },
  },
});
if (!values.db) throw new Error('--db is required');

const emit = (event: string, data: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ event, pid: process.pid, ...data })}\n`);
const log: CoreLogger = {
  debug: (o) => {
    if (typeof o.key === 'string' && typeof o.won === 'boolean') emit('election', { key: o.key, won: o.won });
  },
  info() {},
  warn() {},
  error: (o, m) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`),
};

const store = await openStore(values.db);
const clock = { now: () => new Date() };
const coordinator = createRunCoordinator({ leases: createLeasesRepo(store), clock, log });
const scheduler = createScheduler({
  cronExpr: values.cron,
  clock,
  log,
  coordinator,
  catchUp: false,
  tick: async (_now, fire) => {
    emit('tick', { slot: fire.slot?.toISOString() ?? null });
    // A tick takes a while: a slower runner must not let the other process in.
    await new Promise((r) => setTimeout(r, 150));
  },
});
emit('ready');
await scheduler.start();
await new Promise((r) => setTimeout(r, Number(values.seconds) * 1000));
await scheduler.stop();
await store.close();
emit('stopped');
process.exit(0);
