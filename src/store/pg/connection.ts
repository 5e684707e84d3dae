// Opens the PostgreSQL store for a `postgres://` DATABASE_URL: a sized node-postgres pool, the migrations
// of migrations/pg/ applied under the advisory lock (so replicas starting together migrate once), and the
// PostgreSQL repositories. Errors never repeat the password.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { OpenStoreOptions, Store } from '../connection.js';
import { reason, StoreError, withoutPassword } from '../store-error.js';
import { runPgMigrations } from './migrate.js';
import * as pgSchema from './schema.js';
import { buildPgStore } from './store.js';

/** Connections per process when DATABASE_POOL_SIZE is not set: the web thread and the background thread
 * each open a pool, so one replica holds at most twice this. */
export const DEFAULT_POOL_SIZE = 10;

export async function openPgStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const shown = withoutPassword(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'goal-rituals',
  });
  // An idle client losing its server (restart, failover) must not crash the process: the pool drops it and
  // the next query opens a new one.
  pool.on('error', () => undefined);
  let migrations: Store['migrations'];
  try {
    const client = await pool.connect();
    try {
      migrations = await runPgMigrations(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot open database ${shown}: ${reason(err).replaceAll(url, shown)}`, { cause: err });
  }
  const db = drizzle({ client: pool, schema: pgSchema });
  return buildPgStore(db, { url: shown, migrations, end: () => pool.end() });
}
