// Named leases in `scheduler_leases`: whoever holds a key until its `until` is the one process allowed to
// do that work (run one cron fire, lead a job). Taking a lease is one INSERT ... ON CONFLICT statement,
// so two processes sharing the database can never both get it.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Store } from './connection.js';
import { handlesOf } from './handles.js';
import { createPgLeasesRepo } from './pg/leases.repo.js';
import { schedulerLeases } from './schema.js';

export interface Lease {
  readonly key: string;
  readonly owner: string;
  readonly until: string;
}

export interface LeasesRepo {
  /** Takes `key` until `at + ttlMs` if it is free, expired or already ours; true when we now hold it. */
  acquire(key: string, owner: string, opts: { readonly at: string; readonly ttlMs: number }): Promise<boolean>;
  /** Moves the end of our lease (to keep a finished run's key taken, or to renew); false if not ours. */
  extend(key: string, owner: string, until: string): Promise<boolean>;
  /** Gives the lease up now; false if it was not ours. */
  release(key: string, owner: string): Promise<boolean>;
  get(key: string): Promise<Lease | undefined>;
  /** Deletes leases that ended before `before`; returns how many. */
  prune(before: string): Promise<number>;
}

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

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
