// Plain SQL on either backend for tests: count rows or run a statement through the raw connection of a
// SQLite or PostgreSQL store, with the same SQL text (keep it to what both dialects read alike).
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/store/connection.js';
import { rowsOf } from '../../src/store/pg/db.js';
import { rawPgDb, rawSqlite } from '../../src/store/raw-access.js';

/** Runs one statement; `params` bind to `?` placeholders in order. */
export async function execSql(store: Store, text: string, params: readonly unknown[] = []): Promise<void> {
  await querySql(store, text, params);
}

/** The rows of one query; `params` bind to `?` placeholders in order. */
export async function querySql<T = Record<string, unknown>>(
  store: Store,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (store.dialect === 'sqlite') {
    const stmt = rawSqlite(store).prepare(text);
    return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
  }
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error('placeholders and parameters differ in number');
  const chunks = parts.flatMap((p, i) => (i < params.length ? [sql.raw(p), sql`${params[i]}`] : [sql.raw(p)]));
  return rowsOf<T>(await rawPgDb(store).execute(sql.join(chunks)));
}

/** How many rows of `table` match `where` (SQL, optional). */
export async function countRows(
  store: Store,
  table: string,
  where = '',
  params: readonly unknown[] = [],
): Promise<number> {
  const [row] = await querySql<{ n: number | string }>(
    store,
    `select count(*) as n from ${table}${where ? ` where ${where}` : ''}`,
    params,
  );
  return Number(row?.n);
}
