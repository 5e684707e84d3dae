// The raw handles behind an open Store, kept off the Store's type: only code inside src/store reaches
// them, through `handlesOf`. A boundary test (test/unit/architecture/store-boundary.test.ts) keeps every
// other folder out of this file. A store is either SQLite (the drizzle database and the better-sqlite3
// connection) or PostgreSQL (the drizzle database over a node-postgres pool, or PGlite in tests).
import type Database from 'better-sqlite3';
import type { StoreDb } from './db.js';
import type { PgStoreDb } from './pg/db.js';

export interface SqliteHandles {
  readonly dialect: 'sqlite';
  readonly db: StoreDb;
  readonly sqlite: Database.Database;
}

export interface PgHandles {
  readonly dialect: 'postgres';
  readonly db: PgStoreDb;
}

export type StoreHandles = SqliteHandles | PgHandles;

// A WeakMap rather than a hidden property: the handles are not reachable from the object at all.
const handles = new WeakMap<object, StoreHandles>();

/** Records the handles of a store object being built by openStore. */
export function attachHandles<T extends object>(store: T, h: StoreHandles): T {
  handles.set(store, h);
  return store;
}

/** The handles of a store opened by openStore; throws for any other object. */
export function handlesOf(store: object): StoreHandles {
  const h = handles.get(store);
  if (!h) throw new Error('not a store opened by openStore');
  return h;
}

/** The SQLite handles of a store; throws for a PostgreSQL one (for code that only SQLite has). */
export function sqliteHandlesOf(store: object): SqliteHandles {
  const h = handlesOf(store);
  if (h.dialect !== 'sqlite') throw new Error('this operation needs a SQLite store');
  return h;
}
