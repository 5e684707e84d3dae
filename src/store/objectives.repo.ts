// Objectives (role, member and team scope) and the history of their target changes. A manager's change
// made in chat is kept until the config entry of that objective itself changes (see sync-workspace).
import { and, asc, count, eq, max, type SQL, sql } from 'drizzle-orm';
import type { TargetChange, TargetSpec } from '../core/domain/model.js';
import type { ObjectivesRepo, StoredObjective, TargetHistoryEntry } from '../core/ports/index.js';
import { insertAudit } from './audit.repo.js';
import { type StoreDb, type StoreTx, WRITE_TX } from './db.js';
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

export interface TargetHistoryInput {
  readonly objectiveId: string;
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  readonly oldTarget: TargetSpec | null;
  readonly newTarget: TargetSpec | null;
  readonly effectiveFrom: string | null;
}

export function insertTargetHistory(tx: StoreDb | StoreTx, h: TargetHistoryInput): void {
  tx.insert(objectiveTargetHistory)
    .values({
      objectiveId: h.objectiveId,
      changedBy: h.by,
      changedAt: h.at,
      reason: h.reason,
      oldTarget: h.oldTarget,
      newTarget: h.newTarget,
      effectiveFrom: h.effectiveFrom,
    })
    .run();
}

/** Replaces or adds the dated change at `from`, keeping the schedule sorted. */
function withScheduled(schedule: readonly TargetChange[], from: string, target: TargetSpec): TargetChange[] {
  return [...schedule.filter((c) => c.from !== from), { from, target }].sort((a, b) => a.from.localeCompare(b.from));
}

export function createObjectivesRepo(db: StoreDb): ObjectivesRepo {
  // version() runs on every report a request builds: prepared once.
  const historyVersion = db
    .select({ n: count(), last: max(objectiveTargetHistory.id) })
    .from(objectiveTargetHistory)
    .prepare();
  const objectivesVersion = db
    .select({
      n: count(),
      active: sql<number>`coalesce(sum(${objectives.active}), 0)`,
      updated: max(objectives.updatedAt),
    })
    .from(objectives)
    .prepare();
  return {
    async get(id) {
      const row = db.select().from(objectives).where(eq(objectives.id, id)).get();
      return row ? toObjective(row) : undefined;
    },

    async list({ teamId, memberId, roleId, scope, includeInactive }) {
      const where: SQL[] = [];
      if (teamId !== undefined) where.push(eq(objectives.teamId, teamId));
      if (memberId !== undefined) where.push(eq(objectives.memberId, memberId));
      if (roleId !== undefined) where.push(eq(objectives.roleId, roleId));
      if (scope !== undefined) where.push(eq(objectives.scope, scope));
      if (!includeInactive) where.push(eq(objectives.active, true));
      return db
        .select()
        .from(objectives)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(objectives.id))
        .all()
        .map(toObjective);
    },

    async changeTarget({ objectiveId, target, effectiveFrom, by, reason, at }) {
      return db.transaction((tx) => {
        const row = tx.select().from(objectives).where(eq(objectives.id, objectiveId)).get();
        if (!row) return undefined;
        const oldTarget = effectiveFrom
          ? (row.schedule.find((c) => c.from === effectiveFrom)?.target ?? null)
          : row.target;
        const change = effectiveFrom ? { schedule: withScheduled(row.schedule, effectiveFrom, target) } : { target };
        const updated = tx
          .update(objectives)
          .set({ ...change, updatedAt: at })
          .where(eq(objectives.id, objectiveId))
          .returning()
          .get();
        insertTargetHistory(tx, {
          objectiveId,
          by,
          at,
          reason,
          oldTarget,
          newTarget: target,
          effectiveFrom: effectiveFrom ?? null,
        });
        insertAudit(tx, {
          at,
          actor: by,
          action: 'objective.target',
          entity: 'objective',
          entityId: objectiveId,
          before: { target: row.target, schedule: row.schedule },
          after: { target: updated.target, schedule: updated.schedule, reason },
        });
        return toObjective(updated);
      }, WRITE_TX);
    },

    async version() {
      // History rows are never deleted, so their count and last id only grow; the objectives' own count,
      // active flags and last update catch a sync that changed no target (or a wiped database).
      const h = historyVersion.get();
      const o = objectivesVersion.get();
      return `${h?.n ?? 0}:${h?.last ?? 0}:${o?.n ?? 0}:${o?.active ?? 0}:${o?.updated ?? ''}`;
    },

    async targetHistory(objectiveId): Promise<TargetHistoryEntry[]> {
      return db
        .select()
        .from(objectiveTargetHistory)
        .where(eq(objectiveTargetHistory.objectiveId, objectiveId))
        .orderBy(asc(objectiveTargetHistory.id))
        .all();
    },
  };
}
