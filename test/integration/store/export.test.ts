// Export of stored check-ins, metric values and decisions as CSV (header row) and JSON, with filters.

import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { collectExport, type ExportFilter, toCsv, toJson } from '../../../src/store/export.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { memoryStore } from '../../helpers/store.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
  await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: '2026-03-01T00:00:00.000Z' });
  const checkIn = (
    member: string,
    team: string,
    key: string,
    at: string,
    values: Record<string, number>,
    wins: string | null = null,
  ) =>
    store.checkIns.submit({
      memberId: member,
      teamId: team,
      periodKey: '2026-W10',
      values,
      wins,
      idempotencyKey: key,
      submittedAt: at,
    });
  await checkIn('alice', 'sales', 'k1', '2026-03-06T15:00:00.000Z', { calls: 40, meetings: 8 }, 'Acme, "big" one');
  await checkIn('alice', 'sales', 'k2', '2026-03-06T16:00:00.000Z', { calls: 42, meetings: 8 });
  await checkIn('dave', 'support', 'k3', '2026-03-07T10:00:00.000Z', {});
  await store.metricValues.upsertMany(
    [
      {
        memberId: 'bob',
        teamId: 'sales',
        kpiId: 'revenue',
        date: '2026-03-02',
        value: 12000.5,
        source: 'import',
        externalId: 'crm-1',
      },
      {
        memberId: null,
        teamId: 'sales',
        kpiId: 'opportunities',
        date: '2026-03-31',
        value: 7,
        source: 'import',
        externalId: 'opp',
      },
      {
        memberId: 'dave',
        teamId: 'support',
        kpiId: 'csat',
        date: '2026-04-01',
        value: 4.6,
        source: 'api',
        externalId: 'z',
      },
    ],
    { at: '2026-04-02T00:00:00.000Z' },
  );
  await store.decisions.record({
    teamId: 'sales',
    objectiveId: 'team:sales:pipeline',
    author: 'carol',
    createdAt: '2026-03-09T09:00:00.000Z',
    kind: 'decision',
    text: 'Run an ABM sprint',
  });
});
afterEach(() => store.close());

const table = async (kind: 'checkins' | 'metrics' | 'decisions', filter: ExportFilter = {}) =>
  (await collectExport([kind], { store, filter }))[0]!;

describe('export', () => {
  it('writes check-ins as CSV with one column per KPI and the latest submission marked', async () => {
    expect(toCsv(await table('checkins', { teamId: 'sales' }))).toBe(
      [
        'id,team,member,period,submitted_at,status,latest,kpi:calls,kpi:meetings,wins,blockers,platform',
        '1,sales,alice,2026-W10,2026-03-06T15:00:00.000Z,submitted,false,40,8,"Acme, ""big"" one",,',
        '2,sales,alice,2026-W10,2026-03-06T16:00:00.000Z,submitted,true,42,8,,,',
        '',
      ].join('\n'),
    );
  });

  it('writes metric values as CSV, filtered by team and dates', async () => {
    const csv = toCsv(await table('metrics', { teamId: 'sales', from: '2026-03-01', to: '2026-03-31' }));
    expect(parse(csv, { columns: true })).toEqual([
      {
        id: '1',
        date: '2026-03-02',
        team: 'sales',
        member: 'bob',
        kpi: 'revenue',
        value: '12000.5',
        source: 'import',
        external_id: 'crm-1',
        recorded_at: '2026-04-02T00:00:00.000Z',
      },
      {
        id: '2',
        date: '2026-03-31',
        team: 'sales',
        member: '',
        kpi: 'opportunities',
        value: '7',
        source: 'import',
        external_id: 'opp',
        recorded_at: '2026-04-02T00:00:00.000Z',
      },
    ]);
    expect((await table('metrics', { from: '2026-04-01' })).rows.map((r) => r.external_id)).toEqual(['z']);
  });

  it('writes a header even when there is nothing to export', async () => {
    expect(toCsv(await table('decisions', { teamId: 'support' }))).toBe(
      'id,created_at,team,objective,author,kind,status,text\n',
    );
  });

  it('writes JSON: an array for one kind, an object keyed by kind for several', async () => {
    const one = JSON.parse(toJson([await table('checkins', { teamId: 'sales' })]));
    expect(one[0]).toEqual({
      id: 1,
      team: 'sales',
      member: 'alice',
      period: '2026-W10',
      submitted_at: '2026-03-06T15:00:00.000Z',
      status: 'submitted',
      latest: false,
      values: { calls: 40, meetings: 8 },
      wins: 'Acme, "big" one',
      blockers: null,
      platform: null,
    });
    const all = JSON.parse(toJson(await collectExport(['checkins', 'metrics', 'decisions'], { store, filter: {} })));
    expect(Object.keys(all)).toEqual(['checkins', 'metrics', 'decisions']);
    expect([all.checkins.length, all.metrics.length, all.decisions.length]).toEqual([3, 3, 1]);
    expect(all.decisions[0]).toMatchObject({
      author: 'carol',
      kind: 'decision',
      status: 'open',
      objective: 'team:sales:pipeline',
    });
  });
});
