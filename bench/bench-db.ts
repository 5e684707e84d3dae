// The database a benchmark given `--db` runs on: a PostgreSQL URL whose database is created when missing,
// migrated and emptied first, so every run starts from the same nothing. Without `--db` the benchmarks use
// a throwaway SQLite file (temp-db.ts).
import { openStore } from '../src/store/connection.js';
import { createDatabaseIfMissing } from '../src/store/pg/create-database.js';
import { isPostgresUrl } from '../src/store/store-error.js';

export async function prepareBenchDatabase(url: string): Promise<void> {
  if (!isPostgresUrl(url))
    throw new Error(`--db must be a postgres:// URL (SQLite runs use a temporary file), got ${url}`);
  await createDatabaseIfMissing(url);
  const store = await openStore(url, { poolSize: 1 });
  try {
    await store.reset();
  } finally {
    await store.close();
  }
}
