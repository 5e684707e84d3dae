// Brings the store in line with the workspace config: upserts KPIs, teams, members (with their platform
// ids), memberships and objectives, in one transaction. Nothing is ever deleted: what left the config
// is marked inactive. Each row keeps the canonical JSON of its config entry, so an unchanged config
// writes nothing, and a manager's in-chat target change survives until that config entry changes.
// What to write is planned in ./sync-plan.ts (shared with PostgreSQL's ./pg/sync-workspace.ts); this file
// writes it to SQLite.
import { and, eq } from 'drizzle-orm';
import type { Workspace } from '../core/domain/model.js';
import type { SyncSummary } from '../core/ports/index.js';
import { insertAudit } from './audit.repo.js';
import type { Store } from './connection.js';
import { type StoreDb, type StoreTx, WRITE_TX } from './db.js';
import { insertTargetHistory } from './objectives.repo.js';
import { kpis, members, objectives, teamMembers, teams } from './schema.js';
import {
  CONFIG_REASON,
  type Counts,
  countStep,
  type Desired,
  desiredKpis,
  desiredMembers,
  desiredMemberships,
  desiredObjectives,
  desiredTeams,
  type Existing,
  type HistoryRow,
  membershipId,
  NO_TARGETS,
  planReconcile,
  stepAudit,
  targetDiff,
  toTargets,
} from './sync-plan.js';

export interface SyncOptions {
  /** Who the changes are recorded as (audit log, target history), e.g. 'config'. */
  readonly actor: string;
  readonly at?: string;
}

export async function syncWorkspace(
  store: Pick<Store, 'workspace'>,
  workspace: Workspace,
  opts: SyncOptions,
): Promise<SyncSummary> {
  return store.workspace.sync(workspace, { actor: opts.actor, at: opts.at ?? new Date().toISOString() });
}

/** Executes the planned steps of one table, with an audit row for each. */
function reconcile<V, E extends Existing>(
  ctx: { tx: StoreTx; actor: string; at: string; counts: Counts },
  entity: string,
  existing: readonly E[],
  desired: readonly Desired<V>[],
  write: {
    insert(d: Desired<V>, configJson: string): void;
    update(d: Desired<V>, configJson: string, old: E): void;
    deactivate(old: E): void;
  },
): void {
  for (const step of planReconcile(existing, desired)) {
    if (step.kind === 'insert') write.insert(step.d, step.json);
    else if (step.kind === 'update') write.update(step.d, step.json, step.old);
    else write.deactivate(step.old);
    insertAudit(ctx.tx, { at: ctx.at, actor: ctx.actor, ...stepAudit(entity, step) });
    countStep(ctx.counts, step);
  }
}

/** Runs the whole sync in one write transaction. */
export function applyWorkspaceSync(db: StoreDb, ws: Workspace, opts: { actor: string; at: string }): SyncSummary {
  return db.transaction((tx) => {
    const { actor, at } = opts;
    const counts: Counts = { created: 0, updated: 0, deactivated: 0, targetChanges: 0 };
    const ctx = { tx, actor, at, counts };
    const stamp = (configJson: string) => ({ configJson, active: true, updatedAt: at });

    reconcile(ctx, 'kpi', tx.select().from(kpis).all(), desiredKpis(ws), {
      insert: (d, json) =>
        tx
          .insert(kpis)
          .values({ id: d.id, ...d.values, ...stamp(json), createdAt: at })
          .run(),
      update: (d, json) =>
        tx
          .update(kpis)
          .set({ ...d.values, ...stamp(json) })
          .where(eq(kpis.id, d.id))
          .run(),
      deactivate: (o) => tx.update(kpis).set({ active: false, updatedAt: at }).where(eq(kpis.id, o.id)).run(),
    });

    reconcile(ctx, 'team', tx.select().from(teams).all(), desiredTeams(ws), {
      insert: (d, json) =>
        tx
          .insert(teams)
          .values({ id: d.id, ...d.values, ...stamp(json), createdAt: at })
          .run(),
      update: (d, json) =>
        tx
          .update(teams)
          .set({ ...d.values, ...stamp(json) })
          .where(eq(teams.id, d.id))
          .run(),
      deactivate: (o) => tx.update(teams).set({ active: false, updatedAt: at }).where(eq(teams.id, o.id)).run(),
    });

    reconcile(ctx, 'member', tx.select().from(members).all(), desiredMembers(ws), {
      insert: (d, json) =>
        tx
          .insert(members)
          .values({ id: d.id, ...d.values, ...stamp(json), createdAt: at })
          .run(),
      update: (d, json) =>
        tx
          .update(members)
          .set({ ...d.values, ...stamp(json) })
          .where(eq(members.id, d.id))
          .run(),
      deactivate: (o) => tx.update(members).set({ active: false, updatedAt: at }).where(eq(members.id, o.id)).run(),
    });

    reconcile(
      ctx,
      'membership',
      tx
        .select()
        .from(teamMembers)
        .all()
        .map((r) => ({ ...r, id: membershipId(r.teamId, r.memberId), configJson: '{}' })),
      desiredMemberships(ws),
      {
        insert: (d) =>
          tx
            .insert(teamMembers)
            .values({ ...d.values, active: true, joinedAt: at })
            .run(),
        update: (d) =>
          tx
            .update(teamMembers)
            .set({ active: true, joinedAt: at, leftAt: null })
            .where(membership(d.values.teamId, d.values.memberId))
            .run(),
        deactivate: (o) =>
          tx.update(teamMembers).set({ active: false, leftAt: at }).where(membership(o.teamId, o.memberId)).run(),
      },
    );

    const history = (objectiveId: string, rows: HistoryRow[]) => {
      for (const r of rows) insertTargetHistory(tx, { objectiveId, by: actor, at, reason: CONFIG_REASON, ...r });
      counts.targetChanges += rows.length;
    };
    reconcile(ctx, 'objective', tx.select().from(objectives).all(), desiredObjectives(ws), {
      insert: (d, json) => {
        tx.insert(objectives)
          .values({ id: d.id, ...d.values, ...stamp(json), createdAt: at })
          .run();
        history(d.id, targetDiff(NO_TARGETS, toTargets(d.values)));
      },
      update: (d, json, old) => {
        tx.update(objectives)
          .set({ ...d.values, ...stamp(json) })
          .where(eq(objectives.id, d.id))
          .run();
        history(d.id, targetDiff(old, toTargets(d.values)));
      },
      deactivate: (o) =>
        tx.update(objectives).set({ active: false, updatedAt: at }).where(eq(objectives.id, o.id)).run(),
    });
    return counts;
  }, WRITE_TX);
}

const membership = (teamId: string, memberId: string) =>
  and(eq(teamMembers.teamId, teamId), eq(teamMembers.memberId, memberId));
