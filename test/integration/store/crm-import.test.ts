// CRM exports through their mapping files: the bundled HubSpot and Salesforce examples import into a
// fresh database with the figures worked out by hand (Closed Won only, amounts and dates as the CRMs
// write them, report footers ignored); mapping and row problems are reported with file lines and
// nothing is written; re-imports change nothing and corrections keep history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { Store } from '../../../src/store/connection.js';
import { openStore } from '../../../src/store/connection.js';
import { CrmMappingError, parseCrmMapping } from '../../../src/store/crm-mapping.js';
import { mappedAmount } from '../../../src/store/crm-rows.js';
import { decodeCsv } from '../../../src/store/csv-values.js';
import { CsvImportError, formatImportSummary, importMetricsCsv } from '../../../src/store/import-csv.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

const ROOT = join(import.meta.dirname, '../../..');
const read = (p: string) => decodeCsv(readFileSync(join(ROOT, p)));
const HUBSPOT = 'examples/crm/hubspot-deals.csv';
const SALESFORCE = 'examples/crm/salesforce-opportunities.csv';
const mapping = (name: string) =>
  parseCrmMapping(readFileSync(join(ROOT, `examples/mappings/${name}.yaml`), 'utf8'), name);

let tmp: TempDir;
let store: Store;
let workspace: Workspace;
beforeEach(async () => {
  tmp = tempDir('rituals-crm-');
  store = await openStore(`file:${tmp.file('rituals.db')}`);
  workspace = (await loadWorkspace(join(ROOT, 'examples/sales-team.yaml'))).workspace;
  await syncWorkspace(store, workspace, { actor: 'config', at: '2026-12-01T00:00:00.000Z' });
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

const importFile = (
  file: string,
  map: 'hubspot-deals' | 'salesforce-opportunities',
  at = '2026-12-02T08:00:00.000Z',
  text = read(file),
) => importMetricsCsv(store, workspace, { text, file, at, mapping: mapping(map) });

/** Sum of the stored values per member, KPI and day. */
function sums(): Record<string, number> {
  const rows = rawSqlite(store)
    .prepare(
      'select member_id as m, kpi_id as k, date as d, sum(value) as v from metric_values group by member_id, kpi_id, date order by date, member_id',
    )
    .all() as { m: string; k: string; d: string; v: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.m}/${r.k}/${r.d}`, r.v]));
}

describe('CRM exports with mapping files', () => {
  it('imports the HubSpot and Salesforce examples with the figures expected', async () => {
    const hubspot = await importFile(HUBSPOT, 'hubspot-deals');
    expect(formatImportSummary(hubspot)).toBe(
      `imported 5 values (5 new, 0 updated, 0 unchanged) from ${HUBSPOT}; skipped 3 rows: ` +
        '1 where Deal Stage is "Appointment Scheduled", 1 where Deal Stage is "Closed Lost", 1 where Deal Stage is "Contract Sent"',
    );
    const salesforce = await importFile(SALESFORCE, 'salesforce-opportunities');
    expect(formatImportSummary(salesforce)).toBe(
      `imported 4 values (4 new, 0 updated, 0 unchanged) from ${SALESFORCE}; skipped 4 rows: ` +
        '2 where Opportunity ID is empty (not a data row), 1 where Stage is "Closed Lost", 1 where Stage is "Negotiation/Review"',
    );
    // By hand from the two files: Closed Won rows only, one value per deal, both CRMs adding up.
    expect(sums()).toEqual({
      'lea/new_revenue/2026-10-07': 24000, // HubSpot 9001
      'sarah/new_revenue/2026-10-21': 32500.5, // HubSpot 9003
      'lea/new_revenue/2026-11-04': 14250.25, // HubSpot 9006 (8,250.25) + Salesforce ...E1 (EUR 6,000.00)
      'thomas/new_revenue/2026-11-04': 12000, // HubSpot 9005 ("closed won", "Thomas.Petit@...")
      'david/new_revenue/2026-11-12': 19750, // HubSpot 9007 (15,000) + Salesforce ...E4 (EUR 4,750.00)
      'lea/new_revenue/2026-11-18': 21400, // Salesforce ...E2
      'thomas/new_revenue/2026-12-01': 1250.5, // Salesforce ...E6
    });
    const teams = rawSqlite(store)
      .prepare('select distinct member_id as m, team_id as t from metric_values order by m')
      .all();
    expect(teams).toEqual([
      { m: 'david', t: 'sales-us' },
      { m: 'lea', t: 'sales-fr' },
      { m: 'sarah', t: 'sales-us' },
      { m: 'thomas', t: 'sales-fr' },
    ]);
    expect(await store.metricValues.findByExternalId('import', 'salesforce-opp-0065g00000AbCdE2')).toMatchObject({
      value: 21400,
      source: 'import',
    });
    expect(await store.metricValues.findByExternalId('import', 'hubspot-deal-9003')).toMatchObject({ value: 32500.5 });
  });

  it('changes nothing on a re-import and updates a corrected deal, keeping its old amount', async () => {
    await importFile(HUBSPOT, 'hubspot-deals');
    expect(await importFile(HUBSPOT, 'hubspot-deals', '2026-12-03T08:00:00.000Z')).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
    const corrected = read(HUBSPOT).replace(
      'Closed Won,2026-10-07 10:15,lea.dubois@acme.example,24000',
      'Closed Won,2026-10-08 10:15,lea.dubois@acme.example,26000',
    );
    expect(await importFile(HUBSPOT, 'hubspot-deals', '2026-12-04T08:00:00.000Z', corrected)).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 4,
    });
    const deal = (await store.metricValues.findByExternalId('import', 'hubspot-deal-9001'))!;
    expect(deal).toMatchObject({ date: '2026-10-08', value: 26000 });
    expect(await store.metricValues.listHistory(deal.id)).toMatchObject([
      { date: '2026-10-07', value: 24000, supersededAt: '2026-12-04T08:00:00.000Z' },
    ]);
  });

  it('reports bad rows with the lines of the original file and writes nothing', async () => {
    const text = [
      'Record ID,Deal Name,Deal Stage,Close Date,Deal Owner Email,Amount,Pipeline',
      '1,A,Closed Won,2026-10-07 10:15,lea.dubois@acme.example,24000,P',
      '2,B,Closed Lost,not a date,nobody,x,P', // skipped by the filter: never checked
      '3,C,Closed Won,07/10/2026,lea.dubois@acme.example,1000,P',
      '4,D,Closed Won,2026-10-09 10:00,nobody@acme.example,1000,P',
      '5,E,Closed Won,2026-10-09 10:00,lea,1000,P',
      '6,F,Closed Won,2026-10-09 10:00,lea.dubois@acme.example,USD 1000,P',
      ',G,Closed Won,2026-10-09 10:00,lea.dubois@acme.example,1000,P',
      '"8","H, with a comma",Closed Won,2026-10-09 10:00,lea.dubois@acme.example,-,P',
    ].join('\n');
    const err = await importFile('deals.csv', 'hubspot-deals', undefined, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvImportError);
    expect((err as CsvImportError).problems).toEqual([
      'deals.csv:4: bad date "07/10/2026": expected yyyy-MM-dd HH:mm',
      'deals.csv:5: unknown member "nobody@acme.example"',
      'deals.csv:6: owner "lea" is not an email address (the mapping matches members by email)',
      'deals.csv:7: amount "USD 1000" is in USD, but the mapping expects EUR',
      'deals.csv:8: Record ID is empty: every row needs an id so a re-import changes nothing',
      'deals.csv:9: amount "-" is not a number',
    ]);
    expect(await store.metricValues.list({})).toEqual([]);
  });

  it('names the mapped columns missing from the header', async () => {
    const err = await importFile(
      'other.csv',
      'salesforce-opportunities',
      undefined,
      'Owner,Stage,Amount\nx,Closed Won,1\n',
    ).catch((e: unknown) => e);
    expect((err as CsvImportError).problems).toEqual([
      'other.csv:1: column "Owner Email" of mapping "Salesforce opportunities" is not in the header',
      'other.csv:1: column "Close Date" of mapping "Salesforce opportunities" is not in the header',
      'other.csv:1: column "Opportunity ID" of mapping "Salesforce opportunities" is not in the header',
    ]);
  });
});

describe('mapping files', () => {
  it('reports every problem with its line, column and path', () => {
    const text = [
      'name: Broken',
      'kpi: new_revenue',
      'member: { colum: Owner }',
      'date:',
      '  column: Close',
      'value:',
      '  column: Amount',
      '  decimal: ";"',
      'source_id: { column: Id }',
      'filter: { column: Stage, keep: [] }',
    ].join('\n');
    const err = (() => {
      try {
        parseCrmMapping(text, 'm.yaml');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CrmMappingError);
    expect((err as CrmMappingError).problems).toEqual([
      'm.yaml:3:9 member.column: missing required key',
      'm.yaml:3:11 member.colum: unknown key "colum"',
      'm.yaml:8:12 value.decimal: must be "." or ","',
      'm.yaml:10:32 filter.keep: needs at least 1 item(s)',
    ]);
  });

  it('reads amounts as each CRM writes them', () => {
    expect(mappedAmount('EUR 21,400.00', '.', 'EUR')).toEqual({ value: '21400.00' });
    expect(mappedAmount('21 400,50 €', ',', 'EUR')).toEqual({ value: '21400.50' });
    expect(mappedAmount('1.234.567,8', ',', undefined)).toEqual({ value: '1234567.8' });
    expect(mappedAmount('$1,200', '.', 'EUR')).toEqual({
      problem: 'amount "$1,200" is in USD, but the mapping expects EUR',
    });
    expect(mappedAmount('12,5', '.', undefined)).toEqual({ value: '125' });
  });
});
