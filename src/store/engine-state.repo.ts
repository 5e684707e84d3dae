// Small durable facts of the ritual engine: per-team tick watermarks and processed idempotency keys
// (replayed decision submissions, retried platform events). Every tick reads and writes one watermark
// per team: the statements are prepared once.
import { eq, sql } from 'drizzle-orm';
import type { EngineStateRepo } from '../core/ports/index.js';
import type { StoreDb } from './db.js';
import { engineState } from './schema.js';

export function createEngineStateRepo(db: StoreDb): EngineStateRepo {
  const getStmt = db
    .select({ value: engineState.value })
    .from(engineState)
    .where(eq(engineState.key, sql.placeholder('key')))
    .prepare();
  const setStmt = db
    .insert(engineState)
    .values({ key: sql.placeholder('key'), value: sql.placeholder('value'), updatedAt: sql.placeholder('at') })
    .onConflictDoUpdate({
      target: engineState.key,
      set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare();
  const claimStmt = db
    .insert(engineState)
    .values({ key: sql.placeholder('key'), value: sql.placeholder('at'), updatedAt: sql.placeholder('at') })
    .onConflictDoNothing()
    .prepare();

  return {
    async get(key) {
      return getStmt.get({ key })?.value;
    },

    async set(key, value, at) {
      setStmt.run({ key, value, at });
    },

    async claim(key, at) {
      return claimStmt.run({ key, at }).changes > 0;
    },
  };
}
