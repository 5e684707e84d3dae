// Opens the store a database URL names: PostgreSQL for `postgres://` (see ./pg/connection.ts), SQLite for
// anything else. For SQLite: resolves the path, sets the pragmas, runs pending migrations and wires the
// repositories; the one place that creates a better-sqlite3 connection. The Store it returns
// is closed: repositories plus ping / backup / reset, no database handle; the few repositories built
// outside (outbox, leases, API tokens, Slack installations, conversation references) take the Store
// and find its handles through handles.ts, which only src/store may import.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { PersonDataRepo, Repositories, RetentionRepo, RitualRepositories } from '../core/ports/index.js';
import { createAuditRepo } from './audit.repo.js';
import { type BackupOptions, type BackupResult, backupDatabase } from './backup.js';
import { createBreachesRepo } from './breaches.repo.js';
import { createCheckInsRepo } from './check-ins.repo.js';
import { createDecisionsRepo } from './decisions.repo.js';
import { emptyDatabase } from './empty-database.js';
import { createEngineStateRepo } from './engine-state.repo.js';
import { attachHandles } from './handles.js';

export { databasePath } from './database-path.js';

import { databasePath } from './database-path.js';
import { createMetricValuesRepo } from './metric-values.repo.js';
import { type MigrationReport, runMigrations } from './migrate.js';
import { createObjectivesRepo } from './objectives.repo.js';
import { createOccurrencesRepo } from './occurrences.repo.js';
import { createOooRepo } from './ooo.repo.js';
import { createPersonsRepo } from './persons.repo.js';
import { createReactionsRepo } from './reactions.repo.js';
import { createRetentionRepo } from './retention.repo.js';
import * as schema from './schema.js';
import { isPostgresUrl, reason, StoreError } from './store-error.js';
import { createWorkspaceRepo } from './workspace.repo.js';

export interface Store extends Repositories, RitualRepositories {
  /** Which database backs the store: the embedded SQLite file, or a PostgreSQL server. */
  readonly dialect: 'sqlite' | 'postgres';
  /** The URL the store was opened with, as given. */
  readonly url: string;
  /** Absolute file path, or undefined for an in-memory (or PostgreSQL) database. */
  readonly path: string | undefined;
  /** What opening the store migrated. */
  readonly migrations: MigrationReport;
  /** One member's personal data: export and erasure (`rituals person`). */
  readonly persons: PersonDataRepo;
  /** The retention settings applied to the stored data (daily job, `rituals retention apply`). */
  readonly retention: RetentionRepo;
  /** True when the database answers a trivial query (the health check); false or a throw once closed. */
  ping(): Promise<boolean>;
  /** An online, consistent copy of the database to `file`, safe while others write (`rituals backup`). */
  backup(file: string, opts?: BackupOptions): Promise<BackupResult>;
  /** Empties every table, keeping the schema and its migrations; returns how many tables it emptied. */
  reset(): Promise<number>;
  close(): Promise<void>;
}

export { StoreError };

/** Options of openStore; only PostgreSQL has any. */
export interface OpenStoreOptions {
  /** PostgreSQL connections each process keeps open at most (DATABASE_POOL_SIZE). */
  readonly poolSize?: number;
}

export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  // The PostgreSQL driver and backend load only when asked for: a SQLite start does not pay for them.
  if (isPostgresUrl(url)) return (await import('./pg/connection.js')).openPgStore(url, opts);
  const path = databasePath(url);
  let sqlite: Database.Database | undefined;
  try {
    if (path) mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path ?? ':memory:');
    // journal_mode reads the file header, so a corrupt or foreign file fails here, not later.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
  } catch (err) {
    sqlite?.close();
    throw new StoreError(`cannot open database ${url}: ${reason(err)}`, { cause: err });
  }
  const db = drizzle({ client: sqlite, schema });
  let migrations: MigrationReport;
  try {
    migrations = runMigrations(db, sqlite);
  } catch (err) {
    sqlite.close();
    throw new StoreError(`cannot migrate database ${url}: ${reason(err)}`, { cause: err });
  }
  const conn = sqlite;
  const workspace = createWorkspaceRepo(db);
  const store: Store = {
    dialect: 'sqlite',
    url,
    path,
    migrations,
    metricValues: createMetricValuesRepo(db),
    checkIns: createCheckInsRepo(db),
    ooo: createOooRepo(db),
    objectives: createObjectivesRepo(db),
    audit: createAuditRepo(db),
    decisions: createDecisionsRepo(db),
    workspace,
    persons: createPersonsRepo(conn, workspace),
    retention: createRetentionRepo(conn),
    occurrences: createOccurrencesRepo(db),
    breaches: createBreachesRepo(db),
    reactions: createReactionsRepo(db),
    engineState: createEngineStateRepo(db),
    async ping() {
      return conn.prepare('select 1 as ok').get() !== undefined;
    },
    backup(file, opts) {
      return backupDatabase(conn, path, file, opts);
    },
    async reset() {
      return emptyDatabase(conn);
    },
    async close() {
      if (conn.open) conn.close();
    },
  };
  return attachHandles(store, { dialect: 'sqlite', db, sqlite: conn });
}
