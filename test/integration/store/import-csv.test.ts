// CSV import of metric values against the fixture workspace: comma and French files, every bad row
// reported with its line and nothing written, idempotent re-import, corrections kept in history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { decodeCsv } from '../../../src/store/csv-values.js';
import { CsvImportError, formatImportSummary, importMetricsCsv } from '../../../src/store/import-csv.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { memoryStore } from '../../helpers/store.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/csv');
const csv = (name: string) => decodeCsv(readFileSync(join(FIXTURES, name)));
const T1 = '2026-04-01T08:00:00.000Z';
const T2 = '2026-04-02T08:00:00.000Z';

let store: Store;
const ws = fixtureWorkspace();
beforeEach(async () => {
  store = await memoryStore();
  await syncWorkspace(store, ws, { actor: 'config', at: T1 });
});
afterEach(() => store.close());

const run = (name: string, at = T1) => importMetricsCsv(store, ws, { text: csv(name), file: name, at });
const stored = async () =>
  (await store.metricValues.list({})).map((v) => [v.date, v.memberId, v.teamId, v.kpiId, v.value, v.externalId]);

describe('CSV import', () => {
  it('imports a comma-separated file (any column order, case-insensitive header, extra columns ignored)', async () => {
    const result = await run('metrics-comma.csv');
    expect(formatImportSummary(result)).toBe(
      'imported 6 values (6 new, 0 updated, 0 unchanged) from metrics-comma.csv',
    );
    expect(await stored()).toEqual([
      ['2026-03-02', 'bob', 'sales', 'revenue', 12000.5, 'crm-001'],
      ['2026-03-02', 'bob', 'sales', 'won', 2, 'csv:member:bob:won:2026-03-02'],
      ['2026-03-03', 'dave', 'support', 'csat', 4.5, 'csv:member:dave:csat:2026-03-03'],
      ['2026-03-04', 'alice', 'sales', 'meetings', 9, 'csv:member:alice:meetings:2026-03-04'],
      ['2026-03-05', 'bob', 'sales', 'revenue', 1234.5, 'crm-002'],
      ['2026-03-31', null, 'sales', 'opportunities', 7, 'csv:team:sales:opportunities:2026-03-31'],
    ]);
    expect((await store.metricValues.list({}))[0]).toMatchObject({ source: 'import', recordedAt: T1 });
    expect(await store.audit.list({ entity: 'import' })).toMatchObject([
      { action: 'metrics.import', entityId: 'metrics-comma.csv' },
    ]);
  });

  it('imports a French export: BOM, CRLF, `;`, decimal commas, spaces in numbers, DD/MM/YYYY, percent sign', async () => {
    const result = await run('metrics-fr.csv');
    expect(result).toMatchObject({ total: 5, inserted: 5 });
    expect(await stored()).toEqual([
      ['2026-03-02', 'bob', 'sales', 'revenue', 1234.5, 'csv:member:bob:revenue:2026-03-02'],
      ['2026-03-03', 'dave', 'support', 'csat', 4.6, 'csv:member:dave:csat:2026-03-03'],
      ['2026-03-15', 'erin', 'support', 'churn', 0.025, 'csv:member:erin:churn:2026-03-15'],
      ['2026-03-31', null, 'sales', 'opportunities', 12, 'csv:team:sales:opportunities:2026-03-31'],
      ['2026-04-01', 'alice', 'sales', 'meetings', 8, 'csv:member:alice:meetings:2026-04-01'],
    ]);
  });

  it('reports every bad row with its line and writes nothing', async () => {
    const err = await run('metrics-bad.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvImportError);
    expect((err as CsvImportError).message).toBe('nothing imported: 9 problems in metrics-bad.csv');
    expect((err as CsvImportError).problems).toEqual([
      'metrics-bad.csv:2: unknown member "zed"',
      'metrics-bad.csv:3: unknown KPI "nope"',
      'metrics-bad.csv:4: member "dave" is not in team "sales"',
      'metrics-bad.csv:5: KPI "win_rate" is computed (won / opportunities): import its base KPIs instead',
      'metrics-bad.csv:6: value "abc" is not a number',
      'metrics-bad.csv:7: value -3 is negative, but KPI "meetings" is a count',
      'metrics-bad.csv:8: bad date "2026-02-30": expected YYYY-MM-DD or DD/MM/YYYY',
      'metrics-bad.csv:9: value "Infinity" is not a number',
      'metrics-bad.csv:11: member or team is required',
    ]);
    expect(await store.metricValues.list({})).toEqual([]);
    expect(await store.audit.list({ entity: 'import' })).toEqual([]);
  });

  it('adds nothing when the same file is imported again', async () => {
    await run('metrics-comma.csv', T1);
    const again = await run('metrics-comma.csv', T2);
    expect(formatImportSummary(again)).toBe('imported 6 values (0 new, 0 updated, 6 unchanged) from metrics-comma.csv');
    expect(await store.metricValues.list({})).toHaveLength(6);
    expect(rawSqlite(store).prepare('select count(*) from metric_value_history').pluck().get()).toBe(0);
    expect(await store.audit.list({ entity: 'import' })).toHaveLength(1);
  });

  it('updates a corrected value and keeps the previous one in history', async () => {
    await run('metrics-comma.csv', T1);
    const result = await run('metrics-corrected.csv', T2);
    expect(result).toMatchObject({ inserted: 0, updated: 2, unchanged: 4 });
    const deal = await store.metricValues.findByExternalId('import', 'crm-001');
    expect(deal).toMatchObject({ value: 12500, recordedAt: T2 });
    expect(await store.metricValues.listHistory(deal!.id)).toMatchObject([
      { value: 12000.5, recordedAt: T1, supersededAt: T2 },
    ]);
    const team = await store.metricValues.findByExternalId('import', 'csv:team:sales:opportunities:2026-03-31');
    expect(await store.metricValues.listHistory(team!.id)).toMatchObject([{ value: 7 }]);
  });

  it('rejects a header without the required columns', async () => {
    const text = 'when,who,what\n2026-03-02,bob,revenue\n';
    await expect(importMetricsCsv(store, ws, { text, file: 'x.csv' })).rejects.toMatchObject({
      problems: [
        'x.csv:1: missing column "date"',
        'x.csv:1: missing column "kpi"',
        'x.csv:1: missing column "value"',
        'x.csv:1: missing column "member" (or "team" for team-level values)',
      ],
    });
  });

  it('reports an unclosed quote, and conflicting duplicate rows', async () => {
    await expect(
      importMetricsCsv(store, ws, { text: 'date,member,kpi,value\n2026-03-02,bob,revenue,"12\n', file: 'q.csv' }),
    ).rejects.toMatchObject({
      problems: [expect.stringMatching(/^q\.csv:\d+: .*Quote Not Closed/)],
    });
    const dup =
      'date,member,kpi,value,source_id\n2026-03-02,bob,revenue,1,a\n2026-03-02,bob,revenue,1,a\n2026-03-03,bob,won,1,a\n';
    await expect(importMetricsCsv(store, ws, { text: dup, file: 'd.csv' })).rejects.toMatchObject({
      problems: ['d.csv:4: source_id "a" is also on line 2 with other data'],
    });
  });

  it('reports the starting line of a record after a multi-line quoted cell', async () => {
    const text = 'date,member,kpi,value,note\n2026-03-02,bob,revenue,1,"two\nlines"\n2026-03-02,zed,revenue,1,\n';
    await expect(importMetricsCsv(store, ws, { text, file: 'm.csv' })).rejects.toMatchObject({
      problems: ['m.csv:4: unknown member "zed"'],
    });
  });
});
