// The workspace config sync on PostgreSQL: the same reconcile as SQLite's ../sync-workspace.ts (planned by
// ../sync-plan.ts: upserts KPIs, teams, members, memberships and objectives; never deletes, marks inactive;
// compares canonical config JSON; a manager's in-chat target change survives until that config entry
// changes), in one transaction, with multi-row statements so a large workspace costs a few round trips.
//
// Replicas: every replica syncs the config at start and on reload, so two may sync at once. The
// transaction first takes a transaction-level advisory lock on a fixed key: the second sync waits for the
// first to commit, then reads what it wrote (READ COMMITTED reads afresh at each statement) and finds
// nothing left to do. The objective rows are read FOR UPDATE, so a manager's target change in flight
// either lands before the sync reads the row or waits for the sync to commit.
import { getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Workspace } from '../../core/domain/model.js';
import type { AuditEntryInput, SyncSummary } from '../../core/ports/index.js';
import type { TargetHistoryInput } from '../objectives.repo.js';
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
  membershipId,
  NO_TARGETS,
  planReconcile,
  type Step,
  stepAudit,
  targetDiff,
  toTargets,
} from '../sync-plan.js';
import { insertPgAuditRows } from './audit.repo.js';
import { chunks, type PgStoreDb, type PgStoreTx } from './db.js';
import { insertPgTargetHistory } from './objectives.repo.js';
import { kpis, members, objectives, teamMembers, teams } from './schema.js';

/** The advisory lock the sync holds for its transaction: ('RITU', 'SYNC') in ASCII, the same in every version. */
export const SYNC_LOCK_KEYS = [0x52495455, 0x53594e43] as const;

/** `SET col = excluded.col` for the given properties of a table, for an upsert's ON CONFLICT DO UPDATE. */
function fromExcluded<T extends PgTable>(table: T, keys: readonly string[]): Record<string, SQL> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const set: Record<string, SQL> = {};
  for (const key of keys) {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    set[key] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

type ConfigTable = typeof kpis | typeof teams | typeof members | typeof objectives;

/**
 * Writes the insert and update steps of a config-backed table as multi-row upserts (an update rewrites the
 * config's columns, never created_at nor what the config does not carry, such as a member's UPN), and its
 * deactivations as one update per batch.
 */
async function writeConfigRows<V extends object>(
  tx: PgStoreTx,
  table: ConfigTable,
  steps: readonly Step<V, Existing>[],
  at: string,
): Promise<void> {
  const upserts = steps.flatMap((s) =>
    s.kind === 'deactivate'
      ? []
      : [{ id: s.d.id, ...s.d.values, configJson: s.json, active: true, createdAt: at, updatedAt: at }],
  );
  if (upserts.length > 0) {
    const columns = getTableColumns(table);
    // Every column the config writes, even one a row leaves out (it is reset to its default, null).
    const keys = Object.keys(columns).filter((k) => k !== 'id' && k !== 'createdAt' && k !== 'upn');
    for (const batch of chunks(upserts)) {
      await tx
        .insert(table)
        .values(batch as never)
        .onConflictDoUpdate({ target: table.id, set: fromExcluded(table, keys) });
    }
  }
  const gone = steps.flatMap((s) => (s.kind === 'deactivate' ? [s.old.id] : []));
  for (const ids of chunks(gone)) {
    await tx.update(table).set({ active: false, updatedAt: at }).where(inArray(table.id, ids));
  }
}

type MembershipRow = typeof teamMembers.$inferSelect & Existing;

async function writeMemberships(
  tx: PgStoreTx,
  steps: readonly Step<{ teamId: string; memberId: string }, MembershipRow>[],
  at: string,
): Promise<void> {
  const joins = steps.flatMap((s) =>
    s.kind === 'deactivate' ? [] : [{ ...s.d.values, active: true, joinedAt: at, leftAt: null }],
  );
  for (const batch of chunks(joins)) {
    await tx
      .insert(teamMembers)
      .values(batch)
      .onConflictDoUpdate({
        target: [teamMembers.teamId, teamMembers.memberId],
        set: fromExcluded(teamMembers, ['active', 'joinedAt', 'leftAt']),
      });
  }
  const left = steps.flatMap((s) => (s.kind === 'deactivate' ? [[s.old.teamId, s.old.memberId] as const] : []));
  for (const batch of chunks(left)) {
    const pairs = sql.join(
      batch.map(([t, m]) => sql`(${t}, ${m})`),
      sql`, `,
    );
    await tx
      .update(teamMembers)
      .set({ active: false, leftAt: at })
      .where(sql`(${teamMembers.teamId}, ${teamMembers.memberId}) in (${pairs})`);
  }
}

/** Runs the whole sync in one transaction, after the sync's advisory lock. */
export async function applyPgWorkspaceSync(
  db: PgStoreDb,
  ws: Workspace,
  opts: { actor: string; at: string },
): Promise<SyncSummary> {
  return db.transaction(async (tx) => {
    const { actor, at } = opts;
    await tx.execute(sql`select pg_advisory_xact_lock(${SYNC_LOCK_KEYS[0]}::int, ${SYNC_LOCK_KEYS[1]}::int)`);
    const counts: Counts = { created: 0, updated: 0, deactivated: 0, targetChanges: 0 };
    const audits: AuditEntryInput[] = [];
    const plan = <V, E extends Existing>(entity: string, existing: readonly E[], desired: readonly Desired<V>[]) => {
      const steps = planReconcile(existing, desired);
      for (const step of steps) {
        audits.push({ at, actor, ...stepAudit(entity, step) });
        countStep(counts, step);
      }
      return steps;
    };

    // Parents before children (foreign keys): KPIs, teams and members, then memberships and objectives.
    await writeConfigRows(tx, kpis, plan('kpi', await tx.select().from(kpis), desiredKpis(ws)), at);
    await writeConfigRows(tx, teams, plan('team', await tx.select().from(teams), desiredTeams(ws)), at);
    await writeConfigRows(tx, members, plan('member', await tx.select().from(members), desiredMembers(ws)), at);
    const memberships = (await tx.select().from(teamMembers)).map((r) => ({
      ...r,
      id: membershipId(r.teamId, r.memberId),
      configJson: '{}',
    }));
    await writeMemberships(tx, plan('membership', memberships, desiredMemberships(ws)), at);

    const objectiveSteps = plan('objective', await tx.select().from(objectives).for('update'), desiredObjectives(ws));
    await writeConfigRows(tx, objectives, objectiveSteps, at);
    const history: TargetHistoryInput[] = [];
    for (const step of objectiveSteps) {
      if (step.kind === 'deactivate') continue;
      const rows = targetDiff(step.kind === 'insert' ? NO_TARGETS : step.old, toTargets(step.d.values));
      for (const r of rows) history.push({ objectiveId: step.d.id, by: actor, at, reason: CONFIG_REASON, ...r });
    }
    counts.targetChanges = history.length;
    await insertPgTargetHistory(tx, history);
    await insertPgAuditRows(tx, audits);
    return counts;
  });
}
