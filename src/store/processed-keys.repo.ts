// Keys of things already handled, in `processed_keys`, shared by every process on the database: a Slack
// event id that Slack retried onto another replica, a view submission replayed. Claiming a key is one
// INSERT ... ON CONFLICT statement (a new key, or one whose row has expired, is taken; a live one is not),
// so two processes claiming the same key at once get exactly one `true`. Expired rows are pruned.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Store } from './connection.js';
import { handlesOf } from './handles.js';
import { createPgProcessedKeysRepo } from './pg/processed-keys.repo.js';
import { processedKeys } from './schema.js';

export interface ClaimOptions {
  /** What the key names (`slack_event`, `slack_submission`): for reading the table, not for matching. */
  readonly kind: string;
  /** The claimer's now, ISO-8601; the key is held until `at + ttlMs`. */
  readonly at: string;
  readonly ttlMs: number;
}

export interface ProcessedKeysRepo {
  /** True the first time `key` is claimed within its ttl (no row, or its row expired at `at`); false while it is held. */
  claim(key: string, opts: ClaimOptions): Promise<boolean>;
  /** True while `key` is held: claimed and not expired at `at`. */
  seen(key: string, at: string): Promise<boolean>;
  /** Deletes keys that expired before `before`; returns how many. */
  prune(before: string): Promise<number>;
}

const expiresAt = (at: string, ttlMs: number): string => new Date(Date.parse(at) + ttlMs).toISOString();

export function createProcessedKeysRepo(store: Store): ProcessedKeysRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgProcessedKeysRepo(h.db);
  const { db } = h;
  // Every Slack event and form submission runs them: prepared once.
  const p = sql.placeholder;
  const claimKey = db
    .insert(processedKeys)
    .values({ key: p('key'), kind: p('kind'), expiresAt: p('expiresAt') })
    .onConflictDoUpdate({
      target: processedKeys.key,
      set: { kind: sql`excluded.kind`, expiresAt: sql`excluded.expires_at` },
      setWhere: sql`${processedKeys.expiresAt} <= ${p('at')}`,
    })
    .prepare();
  const liveKey = db
    .select({ key: processedKeys.key })
    .from(processedKeys)
    .where(and(eq(processedKeys.key, p('key')), gt(processedKeys.expiresAt, p('at'))))
    .prepare();
  return {
    async claim(key, { kind, at, ttlMs }) {
      return claimKey.run({ key, kind, expiresAt: expiresAt(at, ttlMs), at }).changes > 0;
    },

    async seen(key, at) {
      return liveKey.get({ key, at }) !== undefined;
    },

    async prune(before) {
      return db.delete(processedKeys).where(lt(processedKeys.expiresAt, before)).run().changes;
    },
  };
}
