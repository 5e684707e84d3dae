// Empties every table of a PostgreSQL store (the schema and its migration history stay), in one statement:
// `store.reset()`, as ../empty-database.ts does for SQLite. Identity sequences restart, as SQLite's do.
import { sql } from 'drizzle-orm';
import { type PgStoreDb, rowsOf } from './db.js';

/** Truncates every table of the current schema (migrations kept); returns how many tables it emptied. */
export async function emptyPgDatabase(db: PgStoreDb): Promise<number> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = current_schema()`),
  ).map((r) => r.name);
  if (tables.length === 0) return 0;
  const list = sql.join(
    tables.map((t) => sql.identifier(t)),
    sql`, `,
  );
  await db.execute(sql`truncate table ${list} restart identity cascade`);
  return tables.length;
}
