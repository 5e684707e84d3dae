// Small durable facts of the ritual engine on PostgreSQL (see ../engine-state.repo.ts for the SQLite one and
// the behaviour both keep): per-team tick watermarks and processed idempotency keys. `set` is an upsert and
// `claim` an INSERT ... ON CONFLICT DO NOTHING, so of two replicas claiming one key at once exactly one
// gets true.
import { eq, sql } from 'drizzle-orm';
import type { EngineStateRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { engineState } from './schema.js';

export function createPgEngineStateRepo(db: PgStoreDb): EngineStateRepo {
  return {
    async get(key) {
      const [row] = await db.select({ value: engineState.value }).from(engineState).where(eq(engineState.key, key));
      return row?.value;
    },

    async set(key, value, at) {
      await db
        .insert(engineState)
        .values({ key, value, updatedAt: at })
        .onConflictDoUpdate({
          target: engineState.key,
          set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
        });
    },

    async claim(key, at) {
      const rows = await db
        .insert(engineState)
        .values({ key, value: at, updatedAt: at })
        .onConflictDoNothing()
        .returning({ key: engineState.key });
      return rows.length > 0;
    },
  };
}
