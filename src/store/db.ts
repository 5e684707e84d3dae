// The drizzle database type shared by the repositories, and small helpers they all use.
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema.js';

export type StoreDb = BetterSQLite3Database<typeof schema>;

/** The transaction handle drizzle passes to `db.transaction` callbacks. */
export type StoreTx = Parameters<Parameters<StoreDb['transaction']>[0]>[0];

/** Write transactions start IMMEDIATE: in WAL mode a deferred one that reads then writes can fail with
 * SQLITE_BUSY without waiting, whereas taking the write lock up front honours busy_timeout. */
export const WRITE_TX = { behavior: 'immediate' } as const;

/** The instant `ms` milliseconds after `iso`, as ISO text (lease ends, retry times). */
export const plusMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/** JSON with object keys sorted and undefined dropped, so equal configs give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
