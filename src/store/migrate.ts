// Applies the drizzle-kit migrations in migrations/ and reports which ones this run applied.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { StoreDb } from './db.js';

/** The repository's migrations/ folder, found from this file so it works from any working directory. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface JournalEntry {
  readonly idx: number;
  readonly when: number;
  readonly tag: string;
}

export interface MigrationReport {
  /** Tags applied by this run, in order (empty when the database was up to date). */
  readonly applied: readonly string[];
  /** Every migration the code knows, in order. */
  readonly known: readonly string[];
}

export function readJournal(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

function lastAppliedMillis(sqlite: Database.Database): number | undefined {
  const table = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(MIGRATIONS_TABLE);
  if (!table) return undefined;
  const row = sqlite.prepare(`select max(created_at) as last from ${MIGRATIONS_TABLE}`).get() as {
    last: number | null;
  };
  return row.last === null ? undefined : Number(row.last);
}

export function runMigrations(db: StoreDb, sqlite: Database.Database, folder = MIGRATIONS_FOLDER): MigrationReport {
  const journal = readJournal(folder);
  const before = lastAppliedMillis(sqlite) ?? -Infinity;
  try {
    migrate(db, { migrationsFolder: folder });
  } catch (err) {
    // Two processes starting on a fresh database both try to migrate; the loser fails on "table already
    // exists". If someone else applied migrations meanwhile, the second attempt sees them and goes on.
    if ((lastAppliedMillis(sqlite) ?? -Infinity) === before) throw err;
    migrate(db, { migrationsFolder: folder });
  }
  const after = lastAppliedMillis(sqlite) ?? -Infinity;
  return {
    applied: journal.filter((e) => e.when > before && e.when <= after).map((e) => e.tag),
    known: journal.map((e) => e.tag),
  };
}
