// Raw SQL on either backend for tests that count, dump or damage rows: `?` placeholders, rows as the driver
// gives them (SQLite: JSON as text, flags 0/1; PostgreSQL: JSON parsed, flags true/false), and a dump of
// every table read from the schema, in primary key order on PostgreSQL (it has no rowid). rawRows and
// rawRun live in src/store/raw-access.ts (the benchmarks use them too).
import type { Store } from '../../src/store/connection.js';
import { pgTextColumnsOfEveryTable } from '../../src/store/pg/table-scan.js';
import { rawPgDb, rawRows, rawRun, rawSqlite } from '../../src/store/raw-access.js';
import { quoteIdent, textColumnsOfEveryTable } from '../../src/store/table-scan.js';

export { rawRows, rawRun };

/** `count(*)` of a table, with an optional where clause and its `?` parameters. */
export async function rawCount(store: Store, table: string, where = '1 = 1', ...params: unknown[]): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    store,
    `select count(*) as n from ${quoteIdent(table)} where ${where}`,
    ...params,
  );
  return Number(row!.n);
}

export interface TableText {
  readonly table: string;
  /** The text (and, on PostgreSQL, JSON) columns. */
  readonly columns: readonly string[];
}

/** Every table of the store with its text columns, from the schema. */
export async function tablesOf(store: Store): Promise<TableText[]> {
  if (store.dialect === 'sqlite') return textColumnsOfEveryTable(rawSqlite(store));
  return (await pgTextColumnsOfEveryTable(rawPgDb(store))).map((t) => ({
    table: t.table,
    columns: t.columns.map((c) => c.name),
  }));
}

/** A cell as text, for scanning: JSON values (parsed by the PostgreSQL driver) as JSON text. */
export const cellText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/** The primary key columns of a PostgreSQL table, to order a dump by (text in byte order, as SQLite). */
async function pgPrimaryKey(store: Store, table: string): Promise<string[]> {
  const rows = await rawRows<{ name: string; text: boolean }>(
    store,
    `select a.attname as name, a.atttypid = 'text'::regtype as text from pg_index i
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = ?::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
    quoteIdent(table),
  );
  return rows.map((r) => (r.text ? `${quoteIdent(r.name)} collate "C"` : quoteIdent(r.name)));
}

/** Every row of every table, by table: in rowid order on SQLite, primary key order on PostgreSQL. */
export async function dumpTables(store: Store): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { table } of await tablesOf(store)) {
    if (store.dialect === 'sqlite') {
      out[table] = await rawRows(store, `select rowid as __rowid, * from ${quoteIdent(table)} order by rowid`);
    } else {
      const key = await pgPrimaryKey(store, table);
      const order = key.length ? key.join(', ') : '1';
      out[table] = await rawRows(store, `select * from ${quoteIdent(table)} order by ${order}`);
    }
  }
  return out;
}

/** Every text cell of every table (from the schema) that contains one of the needles (case-insensitive). */
export async function scanStoreForNeedles(
  store: Store,
  needles: readonly string[],
): Promise<{ table: string; column: string; needle: string; value: string }[]> {
  const hits: { table: string; column: string; needle: string; value: string }[] = [];
  for (const { table, columns } of await tablesOf(store)) {
    for (const column of columns) {
      const c = quoteIdent(column);
      const where =
        store.dialect === 'sqlite' ? `instr(lower(${c}), lower(?)) > 0` : `strpos(lower(${c}::text), lower(?)) > 0`;
      for (const needle of needles) {
        const rows = await rawRows<{ v: unknown }>(
          store,
          `select ${c} as v from ${quoteIdent(table)} where ${where}`,
          needle,
        );
        for (const r of rows) hits.push({ table, column, needle, value: cellText(r.v) });
      }
    }
  }
  return hits;
}
