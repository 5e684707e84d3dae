// Builds a Store over a drizzle PostgreSQL database: the PostgreSQL repositories behind the same ports as
// SQLite's. openPgStore (./connection.ts) calls it with a node-postgres pool; tests may call it with the
// in-process PGlite. What only a file database can do (an online copy to a file) explains the PostgreSQL
// way instead.

import { sql } from 'drizzle-orm';
import type { Store } from '../connection.js';
import { attachHandles } from '../handles.js';
import type { MigrationReport } from '../migrate.js';
import { StoreError } from '../store-error.js';
import { createPgAuditRepo } from './audit.repo.js';
import { createPgBreachesRepo } from './breaches.repo.js';
import { createPgCheckInsRepo } from './check-ins.repo.js';
import { type PgStoreDb, rowsOf } from './db.js';
import { createPgDecisionsRepo } from './decisions.repo.js';
import { emptyPgDatabase } from './empty-database.js';
import { createPgEngineStateRepo } from './engine-state.repo.js';
import { createPgMetricValuesRepo } from './metric-values.repo.js';
import { createPgObjectivesRepo } from './objectives.repo.js';
import { createPgOccurrencesRepo } from './occurrences.repo.js';
import { createPgOooRepo } from './ooo.repo.js';
import { createPgPersonsRepo } from './persons.repo.js';
import { createPgReactionsRepo } from './reactions.repo.js';
import { createPgRetentionRepo } from './retention.repo.js';
import { createPgWorkspaceRepo } from './workspace.repo.js';

export interface PgStoreParts {
  /** The URL the store was opened with (shown without its password). */
  readonly url: string;
  readonly migrations: MigrationReport;
  /** Ends the connections (the pool); called once by `close()`. */
  readonly end: () => Promise<void>;
}

/** The message `rituals backup` and `store.backup` give on PostgreSQL. */
export const PG_BACKUP_HINT =
  'the database is PostgreSQL: back it up with the server\'s own tools, e.g. `pg_dump --format=custom --file=rituals.dump "$DATABASE_URL"` (restore with `pg_restore --dbname=...`), or your provider\'s snapshots; `rituals backup` copies SQLite files only';

export function buildPgStore(db: PgStoreDb, parts: PgStoreParts): Store {
  let closed = false;
  const workspace = createPgWorkspaceRepo(db);
  const store: Store = {
    dialect: 'postgres',
    url: parts.url,
    path: undefined,
    migrations: parts.migrations,
    metricValues: createPgMetricValuesRepo(db),
    checkIns: createPgCheckInsRepo(db),
    ooo: createPgOooRepo(db),
    objectives: createPgObjectivesRepo(db),
    audit: createPgAuditRepo(db),
    decisions: createPgDecisionsRepo(db),
    workspace,
    persons: createPgPersonsRepo(db, workspace),
    retention: createPgRetentionRepo(db),
    occurrences: createPgOccurrencesRepo(db),
    breaches: createPgBreachesRepo(db),
    reactions: createPgReactionsRepo(db),
    engineState: createPgEngineStateRepo(db),
    async ping() {
      if (closed) throw new StoreError('the store is closed');
      return rowsOf(await db.execute(sql`select 1 as ok`)).length === 1;
    },
    async backup() {
      throw new StoreError(PG_BACKUP_HINT);
    },
    async reset() {
      return emptyPgDatabase(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await parts.end();
    },
  };
  return attachHandles(store, { dialect: 'postgres', db });
}
