// `rituals copy` underneath: a SQLite file with rows in every table (written through the bot's own paths
// where it has one, raw rows for the rest) copied into an empty PostgreSQL database. Every row arrives
// with its id and its values converted (0/1 to booleans, JSON text to jsonb, day text to dates, REAL to
// double precision); new rows get ids above the copied ones; a second copy into the now filled target is
// refused and changes nothing; a copy that fails half-way leaves the target empty. The target is checked
// with plain SQL, not through the PostgreSQL repositories. It needs a real server (a copy opens its own
// connection to a URL): there is no PGlite variant, and without TEST_DATABASE_URL the file says so and skips.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokensRepo } from '../../../src/store/api-tokens.repo.js';
import { openStore, type Store, StoreError } from '../../../src/store/connection.js';
import {
  copySqliteToPostgres,
  countMismatches,
  foreignKeyOrder,
  toPgValue,
} from '../../../src/store/copy-to-postgres.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import { createProcessedKeysRepo } from '../../../src/store/processed-keys.repo.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { personWorkspace, seedPersonData, ZELDA } from '../../helpers/person-fixture.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

/** Writes rows into every table of a SQLite file: the bot's paths first, raw rows where it has none. */
async function seedEveryTable(store: Store): Promise<void> {
  await syncWorkspace(store, personWorkspace(true), { actor: 'config', at: '2026-09-01T08:00:00.000Z' });
  await seedPersonData(store);
  await createApiTokensRepo(store).create('crm-sync', { by: 'os:admin', at: '2026-10-01T08:00:00.000Z' });
  await createLeasesRepo(store).acquire('cron:sales:checkin', 'replica-a', {
    at: '2026-10-09T08:00:00.000Z',
    ttlMs: 60_000,
  });
  await createProcessedKeysRepo(store).claim('slack:event:Ev0COPY', {
    kind: 'slack-event',
    at: '2026-10-09T08:00:00.000Z',
    ttlMs: 3_600_000,
  });
  const sqlite = rawSqlite(store);
  sqlite
    .prepare(
      `insert into objective_target_history (objective_id, changed_by, changed_at, reason, old_target, new_target, effective_from)
       values ('team:sales:demos', 'maya', '2026-10-02T09:00:00.000Z', 'QBR', ?, ?, '2026-11-01')`,
    )
    .run(JSON.stringify({ value: 60 }), JSON.stringify({ value: 75.5 }));
  sqlite
    .prepare(
      `insert into slack_installations (key, team_id, enterprise_id, is_enterprise_install, installation, installed_at, updated_at)
       values ('team:T0ACME', 'T0ACME', null, 0, ?, '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z'),
              ('enterprise:E0GRID', null, 'E0GRID', 1, ?, '2026-09-02T08:00:00.000Z', '2026-09-02T08:00:00.000Z')`,
    )
    .run(
      JSON.stringify({ team: { id: 'T0ACME' }, bot: { token: 'xoxb-1', scopes: ['chat:write'] } }),
      JSON.stringify({ enterprise: { id: 'E0GRID' }, isEnterpriseInstall: true }),
    );
}

interface ColumnInfo {
  readonly name: string;
  readonly type: string;
}

async function query<T = Record<string, unknown>>(client: pg.Client, text: string, params: unknown[] = []) {
  return (await client.query(text, params)).rows as T[];
}

/** Columns of a target table, in order, with their PostgreSQL types. */
function columnsOf(client: pg.Client, table: string): Promise<ColumnInfo[]> {
  return query<ColumnInfo>(
    client,
    `select column_name as name, data_type as type from information_schema.columns
     where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
    [table],
  );
}

/** What a SQLite cell must have become in PostgreSQL, as node-postgres hands it back. */
function expected(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === 'boolean') return value === 1;
  if (type === 'jsonb') return JSON.parse(value as string);
  return value;
}

/** A sort key from the cells that are not JSON (jsonb does not keep key order). */
const sortKey = (row: Record<string, unknown>, columns: readonly ColumnInfo[]) =>
  JSON.stringify(columns.filter((c) => c.type !== 'jsonb').map((c) => row[c.name]));

// Port 1: nothing listens; the refusals below happen before any connection.
const UNREACHABLE = 'postgres://rituals:pw@127.0.0.1:1/rituals';

if (!TEST_DATABASE_URL) console.warn(`copy-to-postgres: ${NO_SERVER_REASON}`);

describe('pure parts', () => {
  it('orders tables parents first, whatever the input order', () => {
    const order = foreignKeyOrder([
      { name: 'history', parents: ['values'] },
      { name: 'values', parents: ['members', 'teams'] },
      { name: 'teams', parents: [] },
      { name: 'members', parents: [] },
    ]).map((t) => t.name);
    expect(order).toEqual(['members', 'teams', 'values', 'history']);
    expect(() =>
      foreignKeyOrder([
        { name: 'a', parents: ['b'] },
        { name: 'b', parents: ['a'] },
      ]),
    ).toThrow('foreign keys form a cycle among a, b');
  });

  it('converts SQLite values to the PostgreSQL column types', () => {
    expect(toPgValue(1, 'boolean')).toBe(true);
    expect(toPgValue(0, 'boolean')).toBe(false);
    expect(toPgValue(null, 'boolean')).toBeNull();
    expect(toPgValue('{"a":1}', 'jsonb')).toBe('{"a":1}');
    expect(toPgValue(2.5, 'double precision')).toBe(2.5);
    expect(toPgValue(7n, 'integer')).toBe(7);
    expect(toPgValue('2026-10-19', 'date')).toBe('2026-10-19');
    expect(toPgValue(12, 'text')).toBe('12');
  });

  it('refuses, before connecting, a source that is not SQLite, a target that is not PostgreSQL, and a missing file', async () => {
    await expect(copySqliteToPostgres(UNREACHABLE, UNREACHABLE)).rejects.toThrow(
      '--from must be a SQLite database (a file path or file:PATH), not postgres://rituals:***@127.0.0.1:1/rituals',
    );
    await expect(copySqliteToPostgres(':memory:', 'file:./x.db')).rejects.toThrow('--to must be a PostgreSQL URL');
    await expect(copySqliteToPostgres('file:./data/no-such-rituals.db', UNREACHABLE)).rejects.toThrow('no such file');
    await expect(copySqliteToPostgres(':memory:', UNREACHABLE)).rejects.toThrow('in-memory database');
  });

  it('finds the tables whose counts differ', () => {
    expect(
      countMismatches([
        { table: 'a', source: 3, target: 3 },
        { table: 'b', source: 2, target: 1 },
      ]),
    ).toEqual([{ table: 'b', source: 2, target: 1 }]);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('copy from SQLite into an empty PostgreSQL database (real server)', () => {
  let dir: TempDir;
  let target: TestDatabase;
  let client: pg.Client;
  let sourceUrl: string;
  let sourceTables: string[];

  beforeAll(async () => {
    dir = tempDir('rituals-copy-');
    sourceUrl = `file:${dir.file('rituals.db')}`;
    const source = await openStore(sourceUrl);
    await seedEveryTable(source);
    sourceTables = (
      rawSqlite(source)
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    // The fixture must reach every table, or the copy of that table is not tested.
    const empty = sourceTables.filter(
      (t) => (rawSqlite(source).prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n === 0,
    );
    expect(empty).toEqual([]);
    await source.close();
    target = await createTestDatabase(TEST_DATABASE_URL!);
    client = new pg.Client({ connectionString: target.url });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await target?.drop();
    dir?.remove();
  });

  it('copies every table, row for row, ids kept and values converted; the counts match', async () => {
    const result = await copySqliteToPostgres(sourceUrl, target.url, { batchRows: 3 });
    expect(result.migrations.applied.length).toBeGreaterThan(0);
    expect(result.tables.map((t) => t.table).sort()).toEqual([...sourceTables].sort());
    expect(result.tables.every((t) => t.source === t.target && t.source > 0)).toBe(true);
    // Parents before children.
    const at = (t: string) => result.tables.findIndex((r) => r.table === t);
    expect(at('members')).toBeLessThan(at('metric_values'));
    expect(at('metric_values')).toBeLessThan(at('metric_value_history'));
    expect(at('ritual_occurrences')).toBeLessThan(at('outbox'));

    const source = await openStore(sourceUrl);
    try {
      for (const table of sourceTables) {
        const columns = await columnsOf(client, table);
        const select = columns.map((c) => (c.type === 'date' ? `"${c.name}"::text as "${c.name}"` : `"${c.name}"`));
        const got = await query(client, `select ${select.join(', ')} from "${table}"`);
        const want = (
          rawSqlite(source)
            .prepare(`select ${columns.map((c) => `"${c.name}"`).join(', ')} from "${table}"`)
            .all() as Record<string, unknown>[]
        ).map((row) => Object.fromEntries(columns.map((c) => [c.name, expected(row[c.name], c.type)])));
        const sorted = (rows: Record<string, unknown>[]) =>
          [...rows].sort((a, b) => (sortKey(a, columns) < sortKey(b, columns) ? -1 : 1));
        expect({ table, rows: sorted(got) }).toEqual({ table, rows: sorted(want) });
      }
    } finally {
      await source.close();
    }
  });

  it('keeps the types: booleans, JSON, days, doubles, ids', async () => {
    const [team] = await query(client, `select active, managers, rituals from teams where id = 'sales'`);
    expect(team!.active).toBe(true);
    expect(team!.managers).toEqual(['maya']);
    expect(typeof team!.rituals).toBe('object');
    const installs = await query(
      client,
      `select key, is_enterprise_install, installation from slack_installations order by key collate "C"`,
    );
    expect(installs).toEqual([
      {
        key: 'enterprise:E0GRID',
        is_enterprise_install: true,
        installation: { enterprise: { id: 'E0GRID' }, isEnterpriseInstall: true },
      },
      {
        key: 'team:T0ACME',
        is_enterprise_install: false,
        installation: { team: { id: 'T0ACME' }, bot: { token: 'xoxb-1', scopes: ['chat:write'] } },
      },
    ]);
    const [ooo] = await query(
      client,
      `select pg_typeof(from_date)::text as type, from_date::text as from_day, to_date::text as to_day from ooo_periods`,
    );
    expect(ooo).toEqual({ type: 'date', from_day: '2026-10-19', to_day: '2026-10-23' });
    const [history] = await query(
      client,
      `select new_target, effective_from::text as day from objective_target_history where reason = 'QBR'`,
    );
    expect(history).toEqual({ new_target: { value: 75.5 }, day: '2026-11-01' });
    const revenue = await query(
      client,
      `select pg_typeof(value)::text as type, value from metric_value_history where kpi_id = 'revenue' order by id`,
    );
    expect(revenue).toContainEqual({ type: 'double precision', value: 30_000 });
    const [checkIn] = await query(
      client,
      `select "values", wins from check_ins where member_id = $1 and period_key = '2026-W41'`,
      [ZELDA.id],
    );
    expect(checkIn).toEqual({ values: { calls: 40, meetings: 6 }, wins: ZELDA.texts[0] });
    // The outbox row still points at its occurrence by the copied id.
    const [link] = await query(
      client,
      `select o.key from outbox x join ritual_occurrences o on o.id = x.occurrence_id where x.dedupe_key like 'occ:%'`,
    );
    expect(link).toEqual({ key: `sales:checkin:2026-W41:${ZELDA.id}` });
  });

  it('new rows get ids above the copied ones, in every table with an id', async () => {
    const [{ max }] = (await query(client, 'select max(id) as max from api_tokens')) as [{ max: number }];
    const [row] = await query<{ id: number }>(
      client,
      `insert into api_tokens (name, token_hash, created_at) values ('after-copy', 'h-after', '2026-12-01T00:00:00.000Z') returning id`,
    );
    expect(row!.id).toBe(max + 1);
    const identities = await query<{ table_name: string }>(
      client,
      `select table_name from information_schema.columns
       where table_schema = current_schema() and is_identity = 'YES' and table_name <> 'api_tokens'`,
    );
    expect(identities.length).toBeGreaterThan(5);
    for (const { table_name: t } of identities) {
      const [r] = await query<{ next: number; max: number }>(
        client,
        `select nextval(pg_get_serial_sequence($1, 'id'))::int as next, (select max(id) from "${t}") as max`,
        [t],
      );
      expect({ t, above: r!.next > r!.max }).toEqual({ t, above: true });
    }
  });

  it('refuses a second copy into the filled target, and changes nothing', async () => {
    const snapshot = async () =>
      query(
        client,
        `select (select count(*)::int from audit_log) as audit, (select count(*)::int from api_tokens) as tokens,
                (select count(*)::int from members) as members, (select max(id) from metric_values) as mv`,
      );
    const before = await snapshot();
    const err = await copySqliteToPostgres(sourceUrl, target.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/^the target postgres:\/\/.+ is not empty \(.*api_tokens: \d+ rows.*\)/);
    expect((err as Error).message).toContain('nothing was changed');
    expect(await snapshot()).toEqual(before);
  });

  it('a copy that fails half-way leaves the target empty (one transaction)', async () => {
    const bad = `file:${dir.file('bad.db')}`;
    const store = await openStore(bad);
    await seedEveryTable(store);
    // A day PostgreSQL refuses, in a table copied after several others.
    rawSqlite(store).prepare(`update ooo_periods set from_date = '2026-02-27', to_date = '2026-02-30'`).run();
    await store.close();
    const other = await createTestDatabase(TEST_DATABASE_URL!);
    const c = new pg.Client({ connectionString: other.url });
    try {
      const err = await copySqliteToPostgres(bad, other.url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(
        /^copy to postgres:\/\/.+ failed and was rolled back, no row was written: cannot copy table ooo_periods: /,
      );
      await c.connect();
      const counts = await query<{ n: number }>(
        c,
        `select (select count(*)::int from teams) + (select count(*)::int from members)
              + (select count(*)::int from audit_log) + (select count(*)::int from ooo_periods) as n`,
      );
      expect(counts).toEqual([{ n: 0 }]);
    } finally {
      await c.end();
      await other.drop();
    }
  });
});
