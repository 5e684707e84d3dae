// Named leases on PostgreSQL (see ../leases.repo.ts for the SQLite one and the interface comment). Replicas
// on several hosts do not share a clock, so a lease is measured in the database server's clock: `acquire`
// sets `until` to the server's time plus the TTL and takes over only a lease that ended by the server's
// time, ignoring the caller's `at`. Taking a lease is one INSERT ... ON CONFLICT DO UPDATE ... WHERE: of
// two replicas taking a free key at once, one inserts and the other finds the row taken.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { LeasesRepo } from '../leases.repo.js';
import { dbNowIso, dbNowPlus, type PgStoreDb } from './db.js';
import { schedulerLeases } from './schema.js';

/** Instants are ISO text of one shape: compared byte-wise whatever the database's collation. */
const untilC = sql`${schedulerLeases.until} collate "C"`;

export function createPgLeasesRepo(db: PgStoreDb): LeasesRepo {
  return {
    async acquire(key, owner, { ttlMs }) {
      const rows = await db
        .insert(schedulerLeases)
        .values({ key, owner, until: dbNowPlus(ttlMs) })
        .onConflictDoUpdate({
          target: schedulerLeases.key,
          set: { owner: sql`excluded.owner`, until: sql`excluded.until` },
          setWhere: sql`${untilC} <= ${dbNowIso} or ${schedulerLeases.owner} = excluded.owner`,
        })
        .returning({ key: schedulerLeases.key });
      return rows.length > 0;
    },

    async extend(key, owner, until) {
      const rows = await db
        .update(schedulerLeases)
        .set({ until })
        .where(and(eq(schedulerLeases.key, key), eq(schedulerLeases.owner, owner)))
        .returning({ key: schedulerLeases.key });
      return rows.length > 0;
    },

    async release(key, owner) {
      const rows = await db
        .delete(schedulerLeases)
        .where(and(eq(schedulerLeases.key, key), eq(schedulerLeases.owner, owner)))
        .returning({ key: schedulerLeases.key });
      return rows.length > 0;
    },

    async get(key) {
      const [row] = await db.select().from(schedulerLeases).where(eq(schedulerLeases.key, key));
      return row;
    },

    async prune(before) {
      // A replica whose clock runs ahead must not delete a lease the server still counts as running.
      const rows = await db
        .delete(schedulerLeases)
        .where(and(lt(untilC, before), lt(untilC, dbNowIso)))
        .returning({ key: schedulerLeases.key });
      return rows.length;
    },
  };
}
