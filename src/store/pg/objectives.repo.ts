// PostgreSQL implementation of the ObjectivesRepo port (see ../objectives.repo.ts for the SQLite one and the
// behaviour both keep): objectives and the history of their target changes. A manager's change locks the
// objective row (SELECT ... FOR UPDATE) before reading it, so two changes of the same target at once are
// both recorded, each with the target the other left as its old one.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { TargetChange, TargetSpec } from '../../core/domain/model.js';
import type { ObjectivesRepo, StoredObjective, TargetHistoryEntry } from '../../core/ports/index.js';
import type { TargetHistoryInput } from '../objectives.repo.js';
import { insertPgAudit } from './audit.repo.js';
import { chunks, type PgStoreDb, type PgStoreTx, rowsOf } from './db.js';
import { objectives, objectiveTargetHistory } from './schema.js';

type Row = typeof objectives.$inferSelect;

export function toObjective(r: Row): StoredObjective {
  return {
    id: r.id,
    scope: r.scope,
    roleId: r.roleId,
    memberId: r.memberId,
    teamId: r.teamId,
    kpiId: r.kpiId,
    target: r.target,
    schedule: r.schedule,
    effectiveFrom: r.effectiveFrom,
    per: r.per,
    comparator: r.comparator,
    weight: r.weight,
    alert: r.alert,
    ownerId: r.ownerId,
    segment: r.segment,
    active: r.active,
  };
}

/** Writes target-history rows in the order given (ids follow it), a few statements in all. */
export async function insertPgTargetHistory(
  db: PgStoreDb | PgStoreTx,
  rows: readonly TargetHistoryInput[],
): Promise<void> {
  for (const batch of chunks(rows)) {
    await db.insert(objectiveTargetHistory).values(
      batch.map((h) => ({
        objectiveId: h.objectiveId,
        changedBy: h.by,
        changedAt: h.at,
        reason: h.reason,
        oldTarget: h.oldTarget,
        newTarget: h.newTarget,
        effectiveFrom: h.effectiveFrom,
      })),
    );
  }
}

/** Replaces or adds the dated change at `from`, keeping the schedule sorted. */
function withScheduled(schedule: readonly TargetChange[], from: string, target: TargetSpec): TargetChange[] {
  return [...schedule.filter((c) => c.from !== from), { from, target }].sort((a, b) => a.from.localeCompare(b.from));
}

// Ids are text: ordered byte-wise as on SQLite, whatever the database's default collation.
const byId = sql`${objectives.id} collate "C"`;

export function createPgObjectivesRepo(db: PgStoreDb): ObjectivesRepo {
  return {
    async get(id) {
      const [row] = await db.select().from(objectives).where(eq(objectives.id, id));
      return row ? toObjective(row) : undefined;
    },

    async list({ teamId, memberId, roleId, scope, includeInactive }) {
      const where: SQL[] = [];
      if (teamId !== undefined) where.push(eq(objectives.teamId, teamId));
      if (memberId !== undefined) where.push(eq(objectives.memberId, memberId));
      if (roleId !== undefined) where.push(eq(objectives.roleId, roleId));
      if (scope !== undefined) where.push(eq(objectives.scope, scope));
      if (!includeInactive) where.push(eq(objectives.active, true));
      const rows = await db
        .select()
        .from(objectives)
        .where(where.length ? and(...where) : undefined)
        .orderBy(byId);
      return rows.map(toObjective);
    },

    async changeTarget({ objectiveId, target, effectiveFrom, by, reason, at }) {
      return db.transaction(async (tx) => {
        // The row lock makes a concurrent change (or a config sync) wait, then read what it left.
        const [row] = await tx.select().from(objectives).where(eq(objectives.id, objectiveId)).for('update');
        if (!row) return undefined;
        const oldTarget = effectiveFrom
          ? (row.schedule.find((c) => c.from === effectiveFrom)?.target ?? null)
          : row.target;
        const change = effectiveFrom ? { schedule: withScheduled(row.schedule, effectiveFrom, target) } : { target };
        const [updated] = await tx
          .update(objectives)
          .set({ ...change, updatedAt: at })
          .where(eq(objectives.id, objectiveId))
          .returning();
        if (!updated) throw new Error(`objective ${objectiveId} vanished while locked`);
        await insertPgTargetHistory(tx, [
          { objectiveId, by, at, reason, oldTarget, newTarget: target, effectiveFrom: effectiveFrom ?? null },
        ]);
        await insertPgAudit(tx, {
          at,
          actor: by,
          action: 'objective.target',
          entity: 'objective',
          entityId: objectiveId,
          before: { target: row.target, schedule: row.schedule },
          after: { target: updated.target, schedule: updated.schedule, reason },
        });
        return toObjective(updated);
      });
    },

    async version() {
      // History rows are never deleted, so their count and last id only grow; the objectives' own count,
      // active flags and last update catch a sync that changed no target (or a wiped database). One
      // statement: reports check it on every answer, and each statement is a round trip to the server.
      const [v] = rowsOf<{ n: number; last: number | null; objs: number; active: number; updated: string | null }>(
        await db.execute(sql`select h.n, h.last, o.n as objs, o.active, o.updated
          from (select count(*)::int as n, max(${objectiveTargetHistory.id}) as last from ${objectiveTargetHistory}) as h,
            (select count(*)::int as n, coalesce(sum(${objectives.active}::int), 0)::int as active,
              max(${objectives.updatedAt}) as updated from ${objectives}) as o`),
      );
      return `${v?.n ?? 0}:${v?.last ?? 0}:${v?.objs ?? 0}:${v?.active ?? 0}:${v?.updated ?? ''}`;
    },

    async targetHistory(objectiveId): Promise<TargetHistoryEntry[]> {
      return db
        .select()
        .from(objectiveTargetHistory)
        .where(eq(objectiveTargetHistory.objectiveId, objectiveId))
        .orderBy(asc(objectiveTargetHistory.id));
    },
  };
}
