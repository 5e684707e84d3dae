// Opens the SQLite store: resolves the database URL, sets the pragmas, runs pending migrations and
// wires the repositories. The one place that creates a better-sqlite3 connection. The Store it returns
// is closed: repositories plus ping / backup / reset, no database handle; the few repositories built
// outside (outbox, leases, API tokens, Slack installations, conversation references) take the Store
// and find its handles through handles.ts, which only src/store may import.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { createMetricValuesRepo } from './metric-values.repo.js';
import { type MigrationReport, runMigrations } from './migrate.js';
import { createObjectivesRepo } from './objectives.repo.js';
import { createOccurrencesRepo } from './occurrences.repo.js';
import { createOooRepo } from './ooo.repo.js';
import { createPersonsRepo } from './persons.repo.js';
import { createReactionsRepo } from './reactions.repo.js';
import { createRetentionRepo } from './retention.repo.js';
import * as schema from './schema.js';
import { createWorkspaceRepo } from './workspace.repo.js';

export interface Store extends Repositories, RitualRepositories {
  /** The URL the store was opened with, as given. */
  readonly url: string;
  /** Absolute file path, or undefined for an in-memory database. */
  readonly path: string | undefined;
  /** What opening the store migrated. */
  readonly migrations: MigrationReport;
  /** One member's personal data: export and erasure (`rituals person`). */
  readonly persons: PersonDataRepo;
  /** The retention settings applied to the stored data (daily job, `rituals retention apply`). */
  readonly retention: RetentionRepo;
  /** True when the database answers a trivial query (the health check); throws once closed. */
  ping(): boolean;
  /** An online, consistent copy of the database to `file`, safe while others write (`rituals backup`). */
  backup(file: string, opts?: BackupOptions): Promise<BackupResult>;
  /** Empties every table, keeping the schema and its migrations; returns how many tables it emptied. */
  reset(): Promise<number>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** `:memory:` (also `file::memory:`), `file:./data/x.db`, `file:///abs/x.db` or a plain path. */
export function databasePath(url: string): string | undefined {
  const u = url.trim();
  if (u === '') throw new StoreError('database URL is empty');
  if (u === ':memory:' || u === 'file::memory:') return undefined;
  if (u.startsWith('file://')) return fileURLToPath(u.split('?')[0]!);
  if (u.startsWith('file:')) return resolve(u.slice('file:'.length).split('?')[0]!);
  // Refused until the PostgreSQL repositories exist (DATABASE_URL is refused earlier, in src/config/env.ts);
  // the password, if any, is not repeated.
  if (/^postgres(ql)?:\/\//i.test(u)) {
    const hint = 'the PostgreSQL backend is not available yet; use a file path, file:PATH or :memory:';
    throw new StoreError(`unsupported database URL ${withoutPassword(u)}: ${hint}`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u))
    throw new StoreError(`unsupported database URL ${url}: use a file path, file:PATH or :memory:`);
  return resolve(u);
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function openStore(url: string): Promise<Store> {
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
    ping() {
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
  return attachHandles(store, { db, sqlite: conn });
}
