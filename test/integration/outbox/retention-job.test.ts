// The daily retention job on the node-cron driver (here firing every second instead of at 03:17 UTC):
// each fire applies the workspace's retention settings to the store and logs the counts; it never runs a
// catch-up at start, and by default it is scheduled once a day.
import { afterEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../../../src/core/rituals/use-cases/apply-retention.js';
import { createRetentionJob, RETENTION_CRON } from '../../../src/scheduling/retention-job.js';
import { createRunCoordinator } from '../../../src/scheduling/run-coordinator.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { captureLog } from '../../helpers/capture-log.js';
import { personWorkspace } from '../../helpers/person-fixture.js';
import { memoryStore } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('retention job', () => {
  it('applies the retention settings at each fire and logs the counts', async () => {
    const store = await memoryStore();
    cleanups.push(() => store.close());
    const workspace = personWorkspace(false);
    await store.workspace.sync(workspace, { actor: 'config', at: '2020-01-01T00:00:00.000Z' });
    // Free text of three years ago (the default keeps two), and of last week.
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (const [key, at] of [
      ['old', ago(3 * 366)],
      ['new', ago(7)],
    ] as const) {
      await store.checkIns.submit({
        memberId: 'sam',
        teamId: 'sales',
        periodKey: key,
        values: {},
        wins: `${key} win`,
        blockers: null,
        idempotencyKey: key,
        submittedAt: at,
      });
    }
    const clock = { now: () => new Date() };
    const log = captureLog();
    const job = createRetentionJob({
      apply: (now) => applyRetention({ workspace: () => workspace, retention: store.retention, log }, now),
      clock,
      log,
      coordinator: createRunCoordinator({ leases: createLeasesRepo(store), clock }),
      cronExpr: '* * * * * *',
    });
    cleanups.push(() => job.stop());
    await job.start();
    // A run is done once the scheduler says so (after the job's own log line).
    await waitFor(
      () => log.entries.filter((e) => e.msg === 'tick done').length,
      (n) => n >= 1,
      5_000,
    );
    const applied = log.entries.filter((e) => e.msg === 'retention applied');
    expect(applied[0]!.obj).toMatchObject({
      area: 'retention',
      dryRun: false,
      checkinTexts: 1,
      outboxBodies: 0,
      metricValues: 0,
    });
    expect(rawSqlite(store).prepare('select period_key, wins from check_ins order by id').all()).toEqual([
      { period_key: 'old', wins: null },
      { period_key: 'new', wins: 'new win' },
    ]);
    expect(log.entries.find((e) => e.msg === 'scheduler started')?.obj).toMatchObject({ name: 'retention' });
    // Every run came from a cron fire: no catch-up at start.
    const runs = log.entries.filter((e) => e.msg === 'tick done');
    expect(runs.every((e) => e.obj.reason === 'cron')).toBe(true);
    expect(RETENTION_CRON).toBe('17 3 * * *');
  });
});
