// Applies the drizzle-kit migrations in migrations/pg/ to a PostgreSQL database under an advisory lock, so
// that several replicas starting together migrate once: the first takes the lock and migrates, the others
// wait for it, then find nothing left to apply. Reports which migrations this run applied, like ../migrate.js.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { MigrationConfig } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type MigrationReport, readJournal } from '../migrate.js';

/** The repository's migrations/pg/ folder, found from this file so it works from any working directory. */
export const PG_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations/pg', import.meta.url));

/**
 * The advisory lock key every replica takes while migrating: a fixed constant ('RITU' in ASCII), so that
 * all versions of the bot agree on it. Session-level advisory locks live outside transactions and are
 * released when the session ends, so a replica killed while migrating does not leave the lock behind.
 */
export const MIGRATION_LOCK_KEY = 0x52495455;

// Where drizzle's pg migrator records what it applied (its defaults, spelled out because we read it).
const MIGRATIONS_SCHEMA = 'drizzle';
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Any drizzle PostgreSQL database: node-postgres in production, the in-process PGlite in tests. */
type AnyPgDb = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

// The first row of a driver's query result: node-postgres and PGlite both answer `{ rows: [...] }`.
function firstRow(result: unknown): Record<string, unknown> | undefined {
  if (result === null || typeof result !== 'object' || !('rows' in result) || !Array.isArray(result.rows)) {
    throw new Error('unexpected query result from the PostgreSQL driver');
  }
  return result.rows[0] as Record<string, unknown> | undefined;
}

async function lastAppliedMillis(db: AnyPgDb): Promise<number | undefined> {
  const table = firstRow(await db.execute(sql`select to_regclass(${`${MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}`}) as t`));
  if (!table?.t) return undefined;
  const last = firstRow(
    await db.execute(
      sql`select max(created_at) as last from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)}`,
    ),
  );
  const value = last?.last;
  // created_at is a bigint, which node-postgres hands over as a string.
  return value === null || value === undefined ? undefined : Number(value);
}

/**
 * Migrates `db` with `migrator` (the drizzle driver's own `migrate`) while holding the advisory lock.
 * `db` must be bound to ONE session (a client, never a pool): the lock belongs to the session that took
 * it, and a pool could take it on one connection, migrate on another and leave it held on a third.
 */
export async function runPgMigrationsLocked<TDb extends AnyPgDb>(
  db: TDb,
  migrator: (db: TDb, config: MigrationConfig) => Promise<void>,
  folder = PG_MIGRATIONS_FOLDER,
): Promise<MigrationReport> {
  const journal = readJournal(folder);
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    const before = (await lastAppliedMillis(db)) ?? -Infinity;
    await migrator(db, {
      migrationsFolder: folder,
      migrationsSchema: MIGRATIONS_SCHEMA,
      migrationsTable: MIGRATIONS_TABLE,
    });
    const after = (await lastAppliedMillis(db)) ?? -Infinity;
    return {
      applied: journal.filter((e) => e.when > before && e.when <= after).map((e) => e.tag),
      known: journal.map((e) => e.tag),
    };
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

/** Migrates through one node-postgres client (a `pg.Client`, or a client checked out of a pool). */
export function runPgMigrations(
  client: pg.Client | pg.PoolClient,
  folder = PG_MIGRATIONS_FOLDER,
): Promise<MigrationReport> {
  return runPgMigrationsLocked(drizzle({ client }), migrate, folder);
}

/** Opens one connection to `url`, migrates, and closes it: what a replica does once at start. */
export async function migratePostgres(url: string, folder = PG_MIGRATIONS_FOLDER): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await runPgMigrations(client, folder);
  } finally {
    await client.end();
  }
}
