// Targets changed in chat (ObjectivesRepo.changeTarget: a QBR's accept or change) show in reports from
// their day on, the config's target before; a later change of that objective in the config file wins.
// On a real migrated store: the team report use case, and the `rituals report` command line.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { TeamReport } from '../../../src/core/domain/report.js';
import { teamReport } from '../../../src/core/rituals/use-cases/team-report.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { repoRoot, runCli } from '../../helpers/cli.js';
import { memoryStore, tempDir } from '../../helpers/store.js';
import { fixtureWorkspace, withRoleTarget } from '../../helpers/workspace-fixture.js';

const AT = '2026-06-01T08:00:00.000Z';

let store: Store;
afterEach(async () => store?.close());

async function synced(ws: Workspace): Promise<Store> {
  const s = await memoryStore();
  await s.workspace.sync(ws, { actor: 'config', at: AT });
  return s;
}

function report(ws: Workspace, periodKey: string, asOf: string, withObjectives = true): Promise<TeamReport> {
  return teamReport(
    {
      workspace: ws,
      metricValues: store.metricValues,
      ooo: store.ooo,
      ...(withObjectives ? { objectives: store.objectives } : {}),
    },
    { teamId: 'sales', periodKey, asOf },
  );
}

const target = (r: TeamReport, member: string, kpi: string) =>
  r.members.find((m) => m.id === member)!.kpis.find((k) => k.kpi === kpi)!.target;
const collectiveTarget = (r: TeamReport, id: string) => r.collective.find((c) => c.objective === id)!.target;

describe('targets changed in chat', () => {
  it('a collective target changed at the QBR applies from the next quarter, the old one before', async () => {
    const ws = fixtureWorkspace();
    store = await synced(ws);
    const changed = await store.objectives.changeTarget({
      objectiveId: 'team:sales:pipeline',
      target: { value: 36 },
      effectiveFrom: '2026-10-01',
      by: 'carol',
      reason: 'QBR',
      at: AT,
    });
    expect(changed?.schedule).toEqual([{ from: '2026-10-01', target: { value: 36 } }]);
    expect(collectiveTarget(await report(ws, '2026-Q3', '2026-09-30T12:00:00+02:00'), 'pipeline')).toBe(30);
    expect(collectiveTarget(await report(ws, '2026-Q4', '2026-11-18T12:00:00+01:00'), 'pipeline')).toBe(36);
    // A month of the quarter: the quarter's target prorated by working days (no holidays: October and
    // September have 22 of their quarter's 66).
    expect(collectiveTarget(await report(ws, '2026-10', '2026-10-30T12:00:00+01:00'), 'pipeline')).toBeCloseTo(12, 10);
    expect(collectiveTarget(await report(ws, '2026-09', '2026-09-30T12:00:00+02:00'), 'pipeline')).toBeCloseTo(10, 10);
  });

  it('a role target and a member override changed in chat apply from their day', async () => {
    const ws = fixtureWorkspace();
    store = await synced(ws);
    await store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 40 },
      effectiveFrom: '2026-11-01',
      by: 'carol',
      reason: 'push',
      at: AT,
    });
    await store.objectives.changeTarget({
      objectiveId: 'member:bob:revenue:quarter',
      target: { value: 100_000 },
      effectiveFrom: '2026-10-01',
      by: 'carol',
      reason: 'promotion',
      at: AT,
    });
    const october = await report(ws, '2026-10', '2026-10-30T12:00:00+01:00');
    const november = await report(ws, '2026-11', '2026-11-18T12:00:00+01:00');
    expect([target(october, 'alice', 'meetings'), target(november, 'alice', 'meetings')]).toEqual([35, 40]);
    expect(target(await report(ws, '2026-Q3', '2026-09-30T12:00:00+02:00'), 'bob', 'revenue')).toBe(90_000);
    expect(target(await report(ws, '2026-Q4', '2026-11-18T12:00:00+01:00'), 'bob', 'revenue')).toBe(100_000);
  });

  it('without the objectives repository, or once the config changes that objective, the config target applies', async () => {
    const ws = fixtureWorkspace();
    store = await synced(ws);
    await store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 40 },
      effectiveFrom: '2026-11-01',
      by: 'carol',
      reason: 'push',
      at: AT,
    });
    expect(target(await report(ws, '2026-11', '2026-11-18T12:00:00+01:00', false), 'alice', 'meetings')).toBe(35);
    const edited = withRoleTarget(ws, 'sdr', 'meetings', 30);
    await store.workspace.sync(edited, { actor: 'config', at: '2026-11-10T08:00:00.000Z' });
    expect(target(await report(edited, '2026-11', '2026-11-18T12:00:00+01:00'), 'alice', 'meetings')).toBe(30);
  });

  it('a base target changed without a date replaces the config target for every period', async () => {
    const ws = fixtureWorkspace();
    store = await synced(ws);
    await store.objectives.changeTarget({
      objectiveId: 'team:sales:pipeline',
      target: { value: 24 },
      by: 'carol',
      reason: 'reset',
      at: AT,
    });
    expect(collectiveTarget(await report(ws, '2026-Q1', '2026-03-31T12:00:00+02:00'), 'pipeline')).toBe(24);
    expect(collectiveTarget(await report(ws, '2026-Q4', '2026-11-18T12:00:00+01:00'), 'pipeline')).toBe(24);
  });
});

describe('rituals report after a target change in chat', () => {
  const dir = tempDir('rituals-target-');
  const env = {
    DATABASE_URL: `file:${dir.file('r.db')}`,
    RITUALS_CONFIG: `${repoRoot}/test/fixtures/report/workspace.yaml`,
  };
  const run = (period: string, at: string) => {
    const r = runCli(['report', '--team', 'sales-fr', '--period', period, '--at', at, '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as TeamReport;
  };

  beforeAll(async () => {
    // The command syncs the config first; the chat change comes after, as it would in production.
    run('2026-11', '2026-11-18T12:00:00+01:00');
    const s = await openStore(env.DATABASE_URL);
    await s.objectives.changeTarget({
      objectiveId: 'role:sdr:qualified_meetings:month',
      target: { value: 40 },
      effectiveFrom: '2026-11-01',
      by: 'carla',
      reason: 'Q4 push',
      at: AT,
    });
    await s.close();
  });
  afterAll(() => dir.remove());

  it('shows the new target from its day and the config one before', () => {
    expect(target(run('2026-11', '2026-11-18T12:00:00+01:00'), 'alice', 'qualified_meetings')).toBe(40);
    expect(target(run('2026-10', '2026-10-30T12:00:00+01:00'), 'alice', 'qualified_meetings')).toBe(35);
  });
});
