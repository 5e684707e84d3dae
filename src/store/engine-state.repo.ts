// Small durable facts of the ritual engine: per-team tick watermarks and processed idempotency keys
// (replayed decision submissions, retried platform events).
import { eq } from 'drizzle-orm';
import type { EngineStateRepo } from '../core/ports.js';
import type { StoreDb } from './db.js';
import { engineState } from './schema.js';

export function createEngineStateRepo(db: StoreDb): EngineStateRepo {
  return {
    async get(key) {
      return db.select({ value: engineState.value }).from(engineState).where(eq(engineState.key, key)).get()?.value;
    },

    async set(key, value, at) {
      db.insert(engineState)
        .values({ key, value, updatedAt: at })
        .onConflictDoUpdate({ target: engineState.key, set: { value, updatedAt: at } })
        .run();
    },

    async claim(key, at) {
      const res = db.insert(engineState).values({ key, value: at, updatedAt: at }).onConflictDoNothing().run();
      return res.changes > 0;
    },
  };
}
