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

/** The first column of the first row of a read-only `select count(*) …`-style query, on either dialect. */
export async function rawCount(store: Store, query: string): Promise<number> {
  const h = handlesOf(store);
  if (h.dialect === 'sqlite') return Number(Object.values(h.sqlite.prepare(query).get() as object)[0]);
  const rows = rowsOf(await h.db.execute(sql.raw(query)));
  return Number(Object.values(rows[0] as object)[0]);
}
