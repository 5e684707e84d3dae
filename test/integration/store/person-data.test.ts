// A member's rights of access and erasure on the real store (real migrations): the export holds every
// row about her, whatever table it is in; after an erasure no text cell of any table (listed from the
// schema, so a table added later is scanned too) holds her id, name, email, platform ids or free text;
// with --keep-aggregates the team's figures of closed periods are what they were; a colleague's data
// is untouched either way. On both backends; SQLite's own consistency checks stay SQLite's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildChart } from '../../../src/charts/make-chart.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { teamReport } from '../../../src/core/rituals/use-cases/team-report.js';
import type { Store } from '../../../src/store/connection.js';
import { collectExport } from '../../../src/store/export.js';
import { readable } from '../../../src/store/person-data.js';
import { PersonError } from '../../../src/store/persons.repo.js';
import { PSEUDONYM_START_DATE } from '../../../src/store/pg/person-erase.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { quoteIdent } from '../../../src/store/table-scan.js';
import { personWorkspace, seedPersonData, ZELDA, ZELDA_NEEDLES } from '../../helpers/person-fixture.js';
import { cellText, rawCount, rawRows, scanStoreForNeedles, tablesOf } from '../../helpers/raw-store.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';

const AT = '2026-12-01T09:00:00.000Z';
let store: Store;

/** Zelda leaves the config (the bot syncs it); her data stays until erased. */
const leave = () => store.workspace.sync(personWorkspace(false), { actor: 'config', at: '2026-11-30T08:00:00.000Z' });

async function collective(ws: Workspace, periodKey: string) {
  const report = await teamReport(
    {
      workspace: ws,
      metricValues: store.metricValues,
      ooo: store.ooo,
      objectives: store.objectives,
      members: store.workspace,
    },
    { teamId: 'sales', periodKey, asOf: AT },
  );
  return report.collective.map((c) => [c.objective, c.actual]);
}

/** The burn-up chart of October's demos, as its alt text states the figures. */
async function burnUp(ws: Workspace): Promise<string> {
  const deps = { workspace: ws, metricValues: store.metricValues, ooo: store.ooo, members: store.workspace };
  return (
    await buildChart(
      deps,
      { kind: 'burnup', teamId: 'sales', periodKey: '2026-10', objectiveId: 'demos' },
      { asOf: AT, locale: 'en' },
    )
  ).altText;
}

const count = (table: string, where = '1 = 1') => rawCount(store, table, where);
const scanForNeedles = (store: Store, needles: readonly string[]) => scanStoreForNeedles(store, needles);

/** Totals per KPI of a team's metric export (the `rituals export metrics --team` path). */
async function exportedTotals(): Promise<Record<string, number>> {
  const [metrics] = await collectExport(['metrics'], { store, filter: { teamId: 'sales' } });
  const totals: Record<string, number> = {};
  for (const r of metrics!.records as { kpi: string; value: number }[]) totals[r.kpi] = (totals[r.kpi] ?? 0) + r.value;
  return totals;
}

async function samSnapshot() {
  return {
    checkIns: await rawRows(
      store,
      `select period_key, wins, blockers, "values" from check_ins where member_id = 'sam' order by id`,
    ),
    values: await rawRows(
      store,
      `select kpi_id, date, value, external_id from metric_values where member_id = 'sam' order by id`,
    ),
    reactions: await rawRows(store, `select emoji, user_id from reactions where member_id = 'sam'`),
    decisions: await rawRows(store, `select author, text from decisions where author = 'maya'`),
  };
}

/** Text in byte order on both (SQLite's default; PGlite's collation may differ). */
const byteOrder = () => (store.dialect === 'postgres' ? ' collate "C"' : '');

/** SQLite's own checks of the file after an erasure (PostgreSQL checks its foreign keys on every statement). */
function sqliteConsistent(): void {
  if (store.dialect !== 'sqlite') return;
  expect(rawSqlite(store).pragma('foreign_key_check')).toEqual([]);
  expect(rawSqlite(store).pragma('integrity_check', { simple: true })).toBe('ok');
}

describe.each(STORE_BACKENDS)('$name', (backend) => {
  beforeEach(async () => {
    store = await backend.open();
    await store.workspace.sync(personWorkspace(true), { actor: 'config', at: '2026-09-01T08:00:00.000Z' });
    await seedPersonData(store);
  });
  afterEach(async () => store.close());

  describe('person export', () => {
    it('holds every row of every table that names her, and is audited', async () => {
      // Every row in the database that carries her member id or a platform id of hers, found by scanning
      // every text column of every table, is in the export under its table: except messages addressed to
      // others (a manager's stand-up, a channel post) and engine bookkeeping keys.
      const identifiers = [ZELDA.id, ZELDA.email, ZELDA.slack, ZELDA.teams, ZELDA.upn];
      const about = new Map<string, Set<string>>();
      for (const { table, columns } of await tablesOf(store)) {
        const rows = await rawRows(store, `select * from ${quoteIdent(table)}`);
        for (const row of rows) {
          const text = columns.map((c) => cellText(row[c])).join('\u0000');
          const names = identifiers.some((id) =>
            new RegExp(`(^|[^\\w.-])${id.replace(/[.]/g, '\\.')}($|[^\\w-])`).test(text),
          );
          if (!names) continue;
          if (table === 'outbox' && !String(row.target).includes(`"memberId":"${ZELDA.id}"`)) continue;
          if (table === 'engine_state') continue;
          const set = about.get(table) ?? new Set<string>();
          set.add(JSON.stringify(readable(row)));
          about.set(table, set);
        }
      }
      const data = await store.persons.export(ZELDA.id, { actor: 'os:dpo', at: AT });
      expect(data).toMatchObject({ format: 'rituals.person-export/1', memberId: ZELDA.id, exportedAt: AT });
      expect([...about.keys()].sort()).toEqual(
        [
          'audit_log',
          'breaches',
          'check_ins',
          'conversation_refs',
          'decisions',
          'members',
          'metric_value_history',
          'metric_values',
          'objective_target_history',
          'objectives',
          'ooo_periods',
          'outbox',
          'reactions',
          'ritual_occurrences',
          'team_members',
        ].sort(),
      );
      for (const [table, rows] of about) {
        const exported = new Set((data.tables[table] ?? []).map((r) => JSON.stringify(r)));
        for (const row of rows) expect(exported, `${table}: ${row}`).toContain(row);
      }
      // History of her corrected value, target history of her own target, and her free text.
      expect(data.tables.metric_value_history).toEqual([expect.objectContaining({ value: 30_000 })]);
      expect(data.tables.objective_target_history?.length).toBeGreaterThan(0);
      const text = JSON.stringify(data);
      for (const t of ZELDA.texts) expect(text).toContain(JSON.stringify(t).slice(1, -1));
      // Nobody else's numbers or words.
      expect(text).not.toContain('Sam closed Acme');
      expect(text).not.toContain('crm:deal-sam-1');
      expect(await store.audit.list({ entity: 'person', entityId: ZELDA.id })).toEqual([
        expect.objectContaining({ actor: 'os:dpo', action: 'person.export', at: AT }),
      ]);
    });

    it('finds her by email too, and knows nothing of strangers', async () => {
      expect((await store.persons.find(ZELDA.email.toUpperCase()))?.id).toBe(ZELDA.id);
      expect(await store.persons.find('nobody')).toBeUndefined();
      await expect(store.persons.export('nobody', { actor: 'x', at: AT })).rejects.toMatchObject({
        code: 'PERSON.UNKNOWN',
      });
    });
  });

  describe('person erase', () => {
    it('refuses while she is still in the config, and changes nothing', async () => {
      const before = await count('audit_log');
      const error = await store.persons
        .erase(ZELDA.id, { actor: 'os:dpo', at: AT, keepAggregates: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PersonError);
      expect(error).toMatchObject({ code: 'PERSON.STILL_CONFIGURED' });
      expect(await count('members', `id = '${ZELDA.id}'`)).toBe(1);
      expect(await count('check_ins', `member_id = '${ZELDA.id}'`)).toBe(2);
      expect(await count('audit_log')).toBe(before);
    });

    it('leaves nothing anywhere that names or quotes her, and nobody else loses anything', async () => {
      // Before: her traces are all over the database.
      expect(new Set((await scanForNeedles(store, ZELDA_NEEDLES)).map((h) => h.table)).size).toBeGreaterThan(10);
      await leave();
      const sam = await samSnapshot();
      const report = await store.persons.erase(ZELDA.id, { actor: 'os:dpo', at: AT, keepAggregates: false });

      expect(await scanForNeedles(store, ZELDA_NEEDLES)).toEqual([]);
      expect(await samSnapshot()).toEqual(sam);
      expect(report.keptAggregates).toBe(false);
      expect(report.pseudonym).toMatch(/^anon-[0-9a-f]{10}$/);
      const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t]));
      expect(byTable.check_ins).toEqual({ table: 'check_ins', deleted: 2, anonymised: 0 });
      expect(byTable.metric_values).toEqual({ table: 'metric_values', deleted: 5, anonymised: 0 });
      expect(byTable.members).toMatchObject({ deleted: 1 });
      expect(byTable.decisions).toMatchObject({ anonymised: 1 });
      // The config history of her entry, membership and own target: created, then deactivated when she left.
      expect(byTable.audit_log).toMatchObject({ deleted: 6 });
      // Maya's and Sam's (member and membership created) stay.
      expect(
        await rawRows(
          store,
          `select entity_id from audit_log where entity in ('member', 'membership') order by entity_id${byteOrder()}`,
        ),
      ).toEqual(['maya', 'sales/maya', 'sales/sam', 'sam'].map((entity_id) => ({ entity_id })));
      // Numbers deleted: no pseudonymous member.
      expect(await count('members', `id like 'anon-%'`)).toBe(0);
      // Her decision stays in the team's log, without her words; Maya's is untouched.
      expect(await rawRows(store, `select author, text, status from decisions order by id`)).toEqual([
        { author: report.pseudonym, text: '[erased]', status: 'tested' },
        { author: 'maya', text: 'Maya: weekly pipeline review', status: 'open' },
      ]);
      // The erasure is audited under the pseudonym, and the database is consistent.
      expect(await store.audit.list({ entity: 'person' })).toEqual([
        expect.objectContaining({
          actor: 'os:dpo',
          action: 'person.erase',
          entityId: report.pseudonym,
          after: expect.objectContaining({ keptAggregates: false }),
        }),
      ]);
      sqliteConsistent();
      // Erasing twice: she is unknown.
      await expect(
        store.persons.erase(ZELDA.id, { actor: 'os:dpo', at: AT, keepAggregates: false }),
      ).rejects.toMatchObject({ code: 'PERSON.UNKNOWN' });
    });

    it('with keepAggregates, keeps her numbers under a pseudonym: team figures of closed periods do not change', async () => {
      const withHer = personWorkspace(true);
      const without = personWorkspace(false);
      const closed = ['2026-09', '2026-10', '2026-Q3'];
      const before = await Promise.all(closed.map((p) => collective(withHer, p)));
      const totalsBefore = await exportedTotals();
      const chartBefore = await burnUp(withHer);
      expect(chartBefore).toContain('13');
      // Her values count: September's revenue is hers (32k) and Sam's (20k); October's demos are 6 + 7.
      expect(before[0]).toContainEqual(['bookings', 52_000]);
      expect(before[1]).toContainEqual(['demos', 13]);

      await leave();
      // Having left the config, she still counts in the figures of the periods she worked in.
      expect(await Promise.all(closed.map((p) => collective(without, p)))).toEqual(before);
      const sam = await samSnapshot();
      const report = await store.persons.erase(ZELDA.id, { actor: 'os:dpo', at: AT, keepAggregates: true });

      expect(await Promise.all(closed.map((p) => collective(without, p)))).toEqual(before);
      expect(await exportedTotals()).toEqual(totalsBefore);
      expect(await burnUp(without)).toBe(chartBefore);
      expect(await scanForNeedles(store, ZELDA_NEEDLES)).toEqual([]);
      expect(await samSnapshot()).toEqual(sam);
      const p = report.pseudonym;
      expect(report.keptAggregates).toBe(true);
      // Her numbers under the pseudonym, which is no one: no name, identity or start date, a former member.
      expect(
        await rawRows(
          store,
          `select kpi_id, date, value from metric_values where member_id = ? order by date, kpi_id${byteOrder()}`,
          p,
        ),
      ).toEqual([
        { kpi_id: 'revenue', date: '2026-09-15', value: 32_000 },
        { kpi_id: 'calls', date: '2026-10-09', value: 40 },
        { kpi_id: 'meetings', date: '2026-10-09', value: 6 },
        { kpi_id: 'calls', date: '2026-11-06', value: 35 },
        { kpi_id: 'meetings', date: '2026-11-06', value: 5 },
      ]);
      // (PostgreSQL checks dates: there the start date is a day before any period, not hers.)
      expect(
        await rawRows(
          store,
          `select id, name, email, slack_user_id, teams_aad_id, upn, start_date, active from members where id = ?`,
          p,
        ),
      ).toEqual([
        {
          id: p,
          name: p,
          email: null,
          slack_user_id: null,
          teams_aad_id: null,
          upn: null,
          start_date: store.dialect === 'sqlite' ? '' : PSEUDONYM_START_DATE,
          active: store.dialect === 'sqlite' ? 0 : false,
        },
      ]);
      expect(await store.workspace.formerMemberIds!('sales')).toEqual([p]);
      // Her words are gone even so: check-ins deleted, decision text removed.
      expect(await count('check_ins', `member_id = '${p}'`)).toBe(0);
      // She is nobody on a leaderboard: the pseudonym never appears as a member of the team report.
      const report2 = await teamReport(
        {
          workspace: without,
          metricValues: store.metricValues,
          ooo: store.ooo,
          objectives: store.objectives,
          members: store.workspace,
        },
        { teamId: 'sales', periodKey: '2026-10', asOf: AT },
      );
      expect(report2.members.map((m) => m.id)).toEqual(['sam']);
      sqliteConsistent();
    });
  });
});
