// PostgreSQL implementation of the ProcessedKeysRepo port (see ../processed-keys.repo.ts for the SQLite one
// and the behaviour both keep). The claim is one INSERT ... ON CONFLICT DO UPDATE ... WHERE: when two
// replicas claim one new key at once, the second waits for the first's row and its WHERE (expired?) sees
// that row, so it changes nothing and returns no row; the same holds for two claims of an expired key.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { ProcessedKeysRepo } from '../processed-keys.repo.js';
import { type PgStoreDb, rowCountOf } from './db.js';
import { processedKeys } from './schema.js';

const expiresAt = (at: string, ttlMs: number): string => new Date(Date.parse(at) + ttlMs).toISOString();

export function createPgProcessedKeysRepo(db: PgStoreDb): ProcessedKeysRepo {
  return {
    async claim(key, { kind, at, ttlMs }) {
      const rows = await db
        .insert(processedKeys)
        .values({ key, kind, expiresAt: expiresAt(at, ttlMs) })
        .onConflictDoUpdate({
          target: processedKeys.key,
          set: { kind: sql`excluded.kind`, expiresAt: sql`excluded.expires_at` },
          setWhere: sql`${processedKeys.expiresAt} <= ${at}`,
        })
        .returning({ key: processedKeys.key });
      return rows.length > 0;
    },

    async seen(key, at) {
      const rows = await db
        .select({ key: processedKeys.key })
        .from(processedKeys)
        .where(and(eq(processedKeys.key, key), gt(processedKeys.expiresAt, at)))
        .limit(1);
      return rows.length > 0;
    },

    async prune(before) {
      return rowCountOf(await db.delete(processedKeys).where(lt(processedKeys.expiresAt, before)));
    },
  };
}
