// For tests and benchmarks only: the raw connection behind an open Store, to seed rows in bulk, count or
// scan tables, read pragmas, or damage a row on purpose to reach an error path. Application code goes
// through the Store's repositories and never imports this file: the store boundary test
// (test/unit/architecture/store-boundary.test.ts) fails if a file under src/ outside src/store does.
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Store } from './connection.js';
import type { StoreDb } from './db.js';
import { handlesOf, sqliteHandlesOf } from './handles.js';
import { type PgStoreDb, rowsOf } from './pg/db.js';

export type RawSqlite = Database.Database;

/** The store's better-sqlite3 connection (same transaction, WAL and foreign-key settings as the store). */
export function rawSqlite(store: Store): RawSqlite {
  return sqliteHandlesOf(store).sqlite;
}

/** The store's drizzle database, for seeding a table no repository writes (SQLite stores). */
export function rawDb(store: Store): StoreDb {
  return sqliteHandlesOf(store).db;
}

/** The drizzle database of a PostgreSQL store. */
export function rawPgDb(store: Store): PgStoreDb {
  const h = handlesOf(store);
  if (h.dialect !== 'postgres') throw new Error('not a PostgreSQL store');
  return h.db;
}

function pgStatement(text: string, params: readonly unknown[]) {
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) throw new Error(`expected ${parts.length - 1} parameters: ${text}`);
  return sql.join(
    parts.flatMap((p, i) => (i === 0 ? [sql.raw(p)] : [sql`${params[i - 1]}`, sql.raw(p)])),
    sql``,
  );
}

/** The rows a query answers, on either dialect (`?` placeholders; rows as the driver gives them). */
export async function rawRows<T = Record<string, unknown>>(
  store: Store,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  const h = handlesOf(store);
  if (h.dialect === 'sqlite') return h.sqlite.prepare(text).all(...params) as T[];
  return rowsOf<T>(await h.db.execute(pgStatement(text, params)));
}

/** Runs a statement that answers no rows, on either dialect. */
export async function rawRun(store: Store, text: string, ...params: unknown[]): Promise<void> {
  const h = handlesOf(store);
  if (h.dialect === 'sqlite') h.sqlite.prepare(text).run(...params);
  else await h.db.execute(pgStatement(text, params));
}

/** The first column of the first row a query answers, as a number (`select count(*) …`). */
export async function rawNumber(store: Store, text: string, ...params: unknown[]): Promise<number> {
  const [row] = await rawRows(store, text, ...params);
  return Number(Object.values(row ?? {})[0]);
}
