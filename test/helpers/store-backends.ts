// The store backends a repository contract test runs on, for `describe.each(STORE_BACKENDS)`: SQLite in
// memory, and PostgreSQL — a fresh database on the server TEST_DATABASE_URL names (one per test file,
// emptied before each open), or, without a server, the in-process PGlite so the PostgreSQL repositories
// still run. Each `open()` gives a new, empty, migrated store; close it as any store.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.js';
import type { PgStoreDb } from '../../src/store/pg/db.js';
import { runPgMigrationsLocked } from '../../src/store/pg/migrate.js';
import * as pgSchema from '../../src/store/pg/schema.js';
import { buildPgStore } from '../../src/store/pg/store.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './postgres.js';

export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty, migrated store. */
  open(): Promise<Store>;
}

let serverDb: Promise<TestDatabase> | undefined;
let pglite: Promise<{ client: PGlite; db: PgStoreDb }> | undefined;

afterAll(async () => {
  if (serverDb) await (await serverDb).drop();
  if (pglite) await (await pglite).client.close();
  serverDb = undefined;
  pglite = undefined;
});

/** The in-process PostgreSQL of this test file, migrated once. */
export function sharedPglite(): Promise<{ client: PGlite; db: PgStoreDb }> {
  pglite ??= (async () => {
    const client = new PGlite();
    const db = drizzlePglite({ client, schema: pgSchema }) as unknown as PgStoreDb;
    await runPgMigrationsLocked(db, migratePglite as never);
    return { client, db };
  })();
  return pglite;
}

/** A store on this test file's PostgreSQL database (server or PGlite), emptied first. */
export async function openPostgresStore(): Promise<Store> {
  if (TEST_DATABASE_URL) {
    serverDb ??= createTestDatabase(TEST_DATABASE_URL);
    const store = await openStore((await serverDb).url, { poolSize: 4 });
    await store.reset();
    return store;
  }
  const { db } = await sharedPglite();
  // The PGlite instance outlives this store (one per test file): once the store is closed, its database
  // refuses every query, as a closed node-postgres pool does.
  let closed = false;
  const guarded = new Proxy(db, {
    get(target, prop, receiver) {
      if (closed) throw new Error('Cannot use a pool after calling end on the pool');
      return Reflect.get(target, prop, receiver);
    },
  });
  const store = buildPgStore(guarded, {
    url: 'pglite://memory',
    migrations: { applied: [], known: [] },
    end: async () => {
      closed = true;
    },
  });
  await store.reset();
  return store;
}

export const SQLITE_BACKEND: StoreBackend = { name: 'sqlite', open: () => openStore(':memory:') };
export const POSTGRES_BACKEND: StoreBackend = { name: 'postgres', open: openPostgresStore };

export const STORE_BACKENDS: readonly StoreBackend[] = [SQLITE_BACKEND, POSTGRES_BACKEND];

/** Where the PostgreSQL cases run, for a test file to say once. */
export const POSTGRES_TARGET = TEST_DATABASE_URL ? 'the PostgreSQL server (TEST_DATABASE_URL)' : 'PGlite (in process)';
