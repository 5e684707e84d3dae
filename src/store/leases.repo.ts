// Named leases in `scheduler_leases`: whoever holds a key until its `until` is the one process allowed to
// do that work (run one cron fire, lead a job). Taking a lease is one INSERT ... ON CONFLICT statement,
// so two processes sharing the database can never both get it.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Store } from './connection.js';
import { plusMs } from './db.js';
import { handlesOf } from './handles.js';
import { createPgLeasesRepo } from './pg/leases.repo.js';
import { schedulerLeases } from './schema.js';

export interface Lease {
  readonly key: string;
  readonly owner: string;
  readonly until: string;
}

/**
 * Whose clock a lease is measured in: on SQLite, the caller's `at` (every process sharing the file runs on
 * one host, so on one clock). On PostgreSQL, the database server's clock: replicas on several hosts may
 * disagree by more than a short TTL, so `acquire` sets `until` to the server's time plus `ttlMs`, takes
 * over only a lease that ended by the server's time, and ignores `at`; `prune` never deletes a lease the
 * server still counts as running, whatever `before` says. `until` is ISO-8601 UTC text with milliseconds
 * on both.
 */
export interface LeasesRepo {
  /** Takes `key` until `at + ttlMs` if it is free, expired or already ours; true when we now hold it. On
   * PostgreSQL `at` is the server's time (see above). Taking it again as its owner renews it. */
  acquire(key: string, owner: string, opts: { readonly at: string; readonly ttlMs: number }): Promise<boolean>;
  /** Moves the end of our lease (to keep a finished run's key taken, or to renew); false if not ours. The
   * instant is stored as given, in the caller's clock on both dialects: on PostgreSQL it is then compared
   * with the server's clock, so a replica's clock error shifts it by that error. That suits keeping a
   * finished fire taken for an hour; to renew a short lease in the server's clock, `acquire` it again. */
  extend(key: string, owner: string, until: string): Promise<boolean>;
  /** Gives the lease up now; false if it was not ours. */
  release(key: string, owner: string): Promise<boolean>;
  get(key: string): Promise<Lease | undefined>;
  /** Deletes leases that ended before `before` (and, on PostgreSQL, before the server's time); how many. */
  prune(before: string): Promise<number>;
}

export function createLeasesRepo(store: Store): LeasesRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgLeasesRepo(h.db);
  const { db } = h;
  return {
    async acquire(key, owner, { at, ttlMs }) {
      const res = db
        .insert(schedulerLeases)
        .values({ key, owner, until: plusMs(at, ttlMs) })
        .onConflictDoUpdate({
          target: schedulerLeases.key,
          set: { owner: sql`excluded.owner`, until: sql`excluded.until` },
          setWhere: sql`${schedulerLeases.until} <= ${at} or ${schedulerLeases.owner} = excluded.owner`,
        })
        .run();
      return res.changes > 0;
    },

    async extend(key, owner, until) {
      return (
        db
          .update(schedulerLeases)
          .set({ until })
          .where(and(eq(schedulerLeases.key, key), eq(schedulerLeases.owner, owner)))
          .run().changes > 0
      );
    },

    async release(key, owner) {
      return (
        db
          .delete(schedulerLeases)
          .where(and(eq(schedulerLeases.key, key), eq(schedulerLeases.owner, owner)))
          .run().changes > 0
      );
    },

    async get(key) {
      return db.select().from(schedulerLeases).where(eq(schedulerLeases.key, key)).get();
    },

    async prune(before) {
      return db.delete(schedulerLeases).where(lt(schedulerLeases.until, before)).run().changes;
    },
  };
}
