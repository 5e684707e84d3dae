// The retention settings on the real store: applied as of a fixed instant, they remove exactly what the
// config says (rows on both sides of every cutoff, to the millisecond) and nothing else (every row of
// every table compared before and after); a dry run counts the same and changes nothing; the command
// line prints each setting with its cutoff and count. The store cases run on both backends.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/core/domain/model.js';
import { applyRetention } from '../../../src/core/rituals/use-cases/apply-retention.js';
import type { Store } from '../../../src/store/connection.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
import { EXPIRED_VIEW } from '../../../src/store/retention.repo.js';
import { personYaml } from '../../helpers/person-fixture.js';
import { dumpTables, rawRun } from '../../helpers/raw-store.js';
import { workspaceFromYaml } from '../../helpers/rituals-harness.js';
import { type TempDir, tempDir } from '../../helpers/store.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const RETENTION = '{ checkin_text: 1y, metric_values: 2y, outbox_bodies: 30d, audit_log: 1y }';
const workspace: Workspace = workspaceFromYaml(
  personYaml(true).replace(
    'workspace: { name: Privacy, locale: en, timezone: Europe/Paris }',
    `workspace: { name: Privacy, locale: en, timezone: Europe/Paris, retention: ${RETENTION} }`,
  ),
);
const log = {
  lines: [] as { obj: Record<string, unknown>; msg: string }[],
  info(obj: Record<string, unknown>, msg: string) {
    this.lines.push({ obj, msg });
  },
  warn() {},
  error() {},
  debug() {},
};

let store: Store;

async function seed(): Promise<void> {
  await store.workspace.sync(workspace, { actor: 'config', at: '2026-09-01T08:00:00.000Z' });
  const checkIn = (id: string, at: string, wins: string | null, blockers: string | null) =>
    store.checkIns.submit({
      memberId: 'sam',
      teamId: 'sales',
      periodKey: id,
      values: { calls: 1 },
      wins,
      blockers,
      idempotencyKey: `ci-${id}`,
      submittedAt: at,
    });
  await checkIn('old', '2025-12-01T08:59:59.999Z', 'old win', 'old blocker');
  await checkIn('edge', '2025-12-01T09:00:00.000Z', 'edge win', null);
  await checkIn('old-empty', '2025-06-01T10:00:00.000Z', null, null);
  await checkIn('recent', '2026-10-09T10:00:00.000Z', 'recent win', 'recent blocker');
  const value = (externalId: string, date: string, v: number) =>
    store.metricValues.upsertMany([{ memberId: 'sam', kpiId: 'calls', date, value: v, source: 'import', externalId }], {
      at: `${date}T12:00:00.000Z`,
    });
  await value('expired', '2024-11-30', 1);
  await value('expired', '2024-11-30', 2); // a correction: one history row
  await value('edge', '2024-12-01', 3);
  await value('recent', '2026-10-09', 4);
  const outbox = createOutboxRepo(store);
  await outbox.enqueue(
    ['sent-old', 'sent-recent', 'pending-old', 'dead-old'].map((key) => ({
      dedupeKey: key,
      platform: 'slack' as const,
      destination: { kind: 'dm' as const, memberId: 'sam' },
      view: { type: 'notice', body: `body of ${key}` },
    })),
    { at: '2026-10-01T08:00:00.000Z' },
  );
  const mark = (key: string, status: string, at: string) =>
    rawRun(store, 'update outbox set status = ?, updated_at = ? where dedupe_key = ?', status, at, key);
  await mark('sent-old', 'sent', '2026-11-01T08:59:59.999Z');
  await mark('sent-recent', 'sent', '2026-11-01T09:00:00.000Z');
  await mark('dead-old', 'dead', '2026-10-01T08:00:00.000Z');
  await store.audit.record({
    at: '2025-11-30T23:59:59.999Z',
    actor: 'maya',
    action: 'objective.target',
    entity: 'objective',
    entityId: 'x',
  });
  await store.audit.record({
    at: '2025-12-01T09:00:00.000Z',
    actor: 'maya',
    action: 'objective.target',
    entity: 'objective',
    entityId: 'y',
  });
  await store.decisions.record({
    teamId: 'sales',
    objectiveId: null,
    author: 'maya',
    createdAt: '2020-01-06T10:00:00.000Z',
    kind: 'decision',
    text: 'kept forever',
  });
}

/** Every row of every table, by table (rowid order on SQLite, primary key order on PostgreSQL). */
const dump = () => dumpTables(store);

describe.each(STORE_BACKENDS)('retention ($name)', (backend) => {
  beforeEach(async () => {
    store = await backend.open();
    await seed();
    log.lines = [];
  });
  afterEach(async () => store.close());

  it('removes exactly what the config says, and nothing else', async () => {
    const before = await dump();
    const deps = { workspace: () => workspace, retention: store.retention, log };

    const dry = await applyRetention(deps, NOW, { dryRun: true });
    expect(await dump()).toEqual(before);
    expect(dry.cutoffs).toEqual({
      checkinText: '2025-12-01T09:00:00.000Z',
      metricValues: '2024-12-01T09:00:00.000Z',
      outboxBodies: '2026-11-01T09:00:00.000Z',
      auditLog: '2025-12-01T09:00:00.000Z',
    });
    // Audit rows before the cutoff: the target change of 30 November 2025, and the 2020 decision's record
    // (the decision itself is kept: decisions are unlimited).
    const expected = {
      checkinTexts: 1,
      metricValues: 1,
      metricValueHistory: 1,
      outboxBodies: 1,
      auditRows: 2,
      decisions: 0,
    };
    expect(dry.counts).toEqual(expected);

    const run = await applyRetention(deps, NOW);
    expect(run.counts).toEqual(expected);
    expect(log.lines.map((l) => l.msg)).toEqual(['retention dry run', 'retention applied']);
    expect(log.lines[1]!.obj).toMatchObject({ dryRun: false, ...expected });

    // The database is the one before, with exactly these changes.
    const want = structuredClone(before);
    const oldCheckIn = want.check_ins!.find((r) => r.period_key === 'old')!;
    Object.assign(oldCheckIn, { wins: null, blockers: null });
    const expiredValue = want.metric_values!.find((r) => r.external_id === 'expired')!;
    want.metric_values = want.metric_values!.filter((r) => r !== expiredValue);
    want.metric_value_history = want.metric_value_history!.filter((r) => r.metric_value_id !== expiredValue.id);
    Object.assign(want.outbox!.find((r) => r.dedupe_key === 'sent-old')!, {
      // The view column is JSON text on SQLite, jsonb (parsed) on PostgreSQL.
      view: store.dialect === 'sqlite' ? EXPIRED_VIEW : JSON.parse(EXPIRED_VIEW),
    });
    want.audit_log = want.audit_log!.filter((r) => r.entity_id !== 'x' && r.action !== 'decision.record');
    expect(await dump()).toEqual(want);
    // What was removed was really there: a value, its history, a body, audit rows; the decision stays.
    expect(before.metric_value_history).toHaveLength(1);
    expect(before.audit_log!.filter((r) => r.entity_id === 'x' || r.action === 'decision.record')).toHaveLength(2);
    expect(want.decisions).toEqual(before.decisions);

    // Applying again the same day removes nothing more.
    expect((await applyRetention(deps, NOW)).counts).toEqual({
      checkinTexts: 0,
      metricValues: 0,
      metricValueHistory: 0,
      outboxBodies: 0,
      auditRows: 0,
      decisions: 0,
    });
  });

  it('keeps everything but old free text and delivered bodies with the defaults', async () => {
    const defaults = workspaceFromYaml(personYaml(true));
    expect(defaults.defaults.retention).toBeUndefined();
    const run = await applyRetention({ workspace: () => defaults, retention: store.retention, log }, NOW);
    // Free text older than 2 years: none here; bodies delivered before 1 November 2026: one.
    expect(run.counts).toEqual({
      checkinTexts: 0,
      metricValues: 0,
      metricValueHistory: 0,
      outboxBodies: 1,
      auditRows: 0,
      decisions: 0,
    });
  });
});

describe('rituals retention apply', () => {
  let tmp: TempDir;
  beforeAll(() => {
    tmp = tempDir('rituals-retention-');
  });
  afterAll(() => tmp.remove());

  it('prints each setting, its cutoff and count, and changes nothing in a dry run', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${tmp.file('r.db')}`, LOG_LEVEL: 'silent' };
    delete env.RITUALS_CONFIG;
    const bin = join(import.meta.dirname, '../../../bin/rituals.js');
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'node',
        [bin, 'retention', 'apply', '--dry-run'],
        { cwd: tmp.dir, env, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(out).toMatchObject({ code: 0, stderr: '' });
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('retention dry run: nothing was changed');
    expect(lines.slice(3).map((l) => l.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['checkin_text', '2y'],
      ['metric_values', 'unlimited'],
      ['outbox_bodies', '30d'],
      ['audit_log', 'unlimited'],
      ['decisions', 'unlimited'],
    ]);
    expect(lines[3]).toMatch(/^checkin_text\s+2y\s+\d{4}-\d{2}-\d{2}T[\d:.]+Z\s+0\s+check-in free text cleared$/);
  });
});
