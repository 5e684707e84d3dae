// Brings the store in line with the workspace config: upserts KPIs, teams, members (with their platform
// ids), memberships and objectives, in one transaction. Nothing is ever deleted: what left the config
// is marked inactive. Each row keeps the canonical JSON of its config entry, so an unchanged config
// writes nothing, and a manager's in-chat target change survives until that config entry changes.
import { and, eq } from 'drizzle-orm';
import { DEFAULT_COMPARATOR, type TargetChange, type TargetSpec, type Workspace } from '../core/domain/model.js';
import {
  idDeduper,
  memberObjectiveBaseId,
  overriddenObjective,
  overridePer,
  roleObjectiveBaseId,
  teamObjectiveId,
  uniqueMembers,
} from '../core/domain/objective-ids.js';
import type { SyncSummary } from '../core/ports/index.js';
import { insertAudit } from './audit.repo.js';
import type { Store } from './connection.js';
import { canonicalJson, type StoreDb, type StoreTx, WRITE_TX } from './db.js';
import { insertTargetHistory } from './objectives.repo.js';
import { kpis, members, objectives, teamMembers, teams } from './schema.js';

export interface SyncOptions {
  /** Who the changes are recorded as (audit log, target history), e.g. 'config'. */
  readonly actor: string;
  readonly at?: string;
}

const REASON = 'config file';

export async function syncWorkspace(
  store: Pick<Store, 'workspace'>,
  workspace: Workspace,
  opts: SyncOptions,
): Promise<SyncSummary> {
  return store.workspace.sync(workspace, { actor: opts.actor, at: opts.at ?? new Date().toISOString() });
}

interface Desired<V> {
  readonly id: string;
  readonly config: unknown;
  readonly values: V;
}

interface Existing {
  readonly id: string;
  readonly active: boolean;
  readonly configJson: string;
}

type Counts = { created: number; updated: number; deactivated: number; targetChanges: number };

/** The upsert-or-deactivate loop shared by every config-backed table. */
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
  const byId = new Map(existing.map((e) => [e.id, e]));
  const audit = (action: string, entityId: string, before: unknown, after: unknown) =>
    insertAudit(ctx.tx, {
      at: ctx.at,
      actor: ctx.actor,
      action: `${entity}.${action}`,
      entity,
      entityId,
      before,
      after,
    });
  for (const d of desired) {
    const json = canonicalJson(d.config);
    const old = byId.get(d.id);
    byId.delete(d.id);
    if (!old) {
      write.insert(d, json);
      audit('create', d.id, null, d.config);
      ctx.counts.created++;
    } else if (old.configJson !== json || !old.active) {
      write.update(d, json, old);
      audit(old.active ? 'update' : 'reactivate', d.id, JSON.parse(old.configJson), d.config);
      ctx.counts.updated++;
    }
  }
  for (const old of byId.values()) {
    if (!old.active) continue;
    write.deactivate(old);
    audit('deactivate', old.id, JSON.parse(old.configJson), null);
    ctx.counts.deactivated++;
  }
}

type ObjectiveValues = Omit<typeof objectives.$inferInsert, 'id' | 'configJson' | 'createdAt' | 'updatedAt' | 'active'>;

// Ids come from core/domain/objective-ids.ts, which the core's effective workspace reads rows by.
function desiredObjectives(ws: Workspace): Desired<ObjectiveValues>[] {
  const out: Desired<ObjectiveValues>[] = [];
  const unique = idDeduper();
  const push = (base: string, config: unknown, values: ObjectiveValues) =>
    out.push({ id: unique(base), config, values });
  for (const [roleId, role] of Object.entries(ws.roles)) {
    for (const o of role.objectives) {
      push(
        roleObjectiveBaseId(roleId, o),
        { scope: 'role', role: roleId, ...o },
        {
          scope: 'role',
          roleId,
          kpiId: o.kpi,
          target: o.target,
          schedule: [...o.history],
          per: o.per,
          comparator: o.comparator,
          weight: o.weight,
          segment: o.segment ?? null,
        },
      );
    }
  }
  for (const m of uniqueMembers(ws).values()) {
    for (const ov of m.overrides) {
      const base = overriddenObjective(ws, m, ov);
      const direction = ws.kpis[ov.kpi]?.direction ?? 'higher';
      const per = overridePer(ws, m, ov);
      const comparator = base?.comparator ?? DEFAULT_COMPARATOR[direction];
      const weight = base?.weight ?? 1;
      const config = { scope: 'member', member: m.id, ...ov, per, comparator, weight };
      push(memberObjectiveBaseId(m.id, ov, per), config, {
        scope: 'member',
        memberId: m.id,
        roleId: m.role ?? null,
        kpiId: ov.kpi,
        target: ov.target,
        schedule: [],
        effectiveFrom: ov.from ?? null,
        per,
        comparator,
        weight,
      });
    }
  }
  for (const t of ws.teams) {
    for (const c of t.collective) {
      push(
        teamObjectiveId(t.id, c.id),
        { scope: 'team', team: t.id, ...c },
        {
          scope: 'team',
          teamId: t.id,
          kpiId: c.kpi,
          target: { value: c.target },
          schedule: [],
          per: c.per,
          comparator: c.comparator,
          alert: c.alert,
          frequency: c.frequency,
          ownerId: c.owner,
          contributors: [...c.contributors],
          approverId: c.approver ?? null,
          segment: c.segment ?? null,
          label: c.label ?? null,
        },
      );
    }
  }
  return out;
}

const sameSpec = (a: TargetSpec | null, b: TargetSpec | null) => canonicalJson(a) === canonicalJson(b);

interface Targets {
  readonly target: TargetSpec | null;
  readonly schedule: readonly TargetChange[];
  readonly effectiveFrom: string | null;
}
type HistoryRow = { oldTarget: TargetSpec | null; newTarget: TargetSpec | null; effectiveFrom: string | null };

/** History rows between two states of an objective's targets (base target and dated changes). */
function targetDiff(old: Targets, next: Targets): HistoryRow[] {
  const rows: HistoryRow[] = [];
  if (!sameSpec(old.target, next.target)) {
    rows.push({ oldTarget: old.target, newTarget: next.target, effectiveFrom: next.effectiveFrom });
  }
  const dates = [...new Set([...old.schedule, ...next.schedule].map((c) => c.from))].sort();
  for (const from of dates) {
    const o = old.schedule.find((c) => c.from === from)?.target ?? null;
    const n = next.schedule.find((c) => c.from === from)?.target ?? null;
    if (!sameSpec(o, n)) rows.push({ oldTarget: o, newTarget: n, effectiveFrom: from });
  }
  return rows;
}

/** Runs the whole sync in one write transaction. */
export function applyWorkspaceSync(db: StoreDb, ws: Workspace, opts: { actor: string; at: string }): SyncSummary {
  return db.transaction((tx) => {
    const { actor, at } = opts;
    const counts: Counts = { created: 0, updated: 0, deactivated: 0, targetChanges: 0 };
    const ctx = { tx, actor, at, counts };
    const stamp = (configJson: string) => ({ configJson, active: true, updatedAt: at });

    reconcile(
      ctx,
      'kpi',
      tx.select().from(kpis).all(),
      Object.values(ws.kpis).map((k) => ({
        id: k.id,
        config: k,
        values: {
          label: k.label,
          unit: k.unit,
          kind: k.kind,
          direction: k.direction,
          aggregation: k.aggregation,
          formula: k.formula ?? null,
          sources: [...k.sources],
        },
      })),
      {
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
      },
    );

    reconcile(
      ctx,
      'team',
      tx.select().from(teams).all(),
      ws.teams.map(({ members: _m, collective: _c, ...t }) => ({
        id: t.id,
        config: t,
        values: {
          name: t.name,
          timezone: t.timezone,
          locale: t.locale,
          slackChannelId: t.channels.slack ?? null,
          teamsChannelId: t.channels.teams ?? null,
          managers: [...t.managers],
          holidays: [...t.holidays],
          rituals: { ...t.rituals },
        },
      })),
      {
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
      },
    );

    reconcile(
      ctx,
      'member',
      tx.select().from(members).all(),
      [...uniqueMembers(ws).values()].map(({ overrides: _o, ...m }) => ({
        id: m.id,
        config: m,
        values: {
          name: m.name,
          roleId: m.role ?? null,
          startDate: m.start,
          timezone: m.timezone ?? null,
          locale: m.locale ?? null,
          slackUserId: m.ids.slack ?? null,
          teamsAadId: m.ids.teams ?? null,
          email: m.ids.email ?? null,
        },
      })),
      {
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
      },
    );

    // Memberships: the key is (team, member); the config entry carries nothing else.
    reconcile(
      ctx,
      'membership',
      tx
        .select()
        .from(teamMembers)
        .all()
        .map((r) => ({ ...r, id: `${r.teamId}/${r.memberId}`, configJson: '{}' })),
      ws.teams.flatMap((t) =>
        t.members.map((m) => ({ id: `${t.id}/${m.id}`, config: {}, values: { teamId: t.id, memberId: m.id } })),
      ),
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
      for (const r of rows) insertTargetHistory(tx, { objectiveId, by: actor, at, reason: REASON, ...r });
      counts.targetChanges += rows.length;
    };
    reconcile(ctx, 'objective', tx.select().from(objectives).all(), desiredObjectives(ws), {
      insert: (d, json) => {
        tx.insert(objectives)
          .values({ id: d.id, ...d.values, ...stamp(json), createdAt: at })
          .run();
        history(d.id, targetDiff({ target: null, schedule: [], effectiveFrom: null }, toTargets(d.values)));
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

const toTargets = (v: ObjectiveValues) => ({
  target: v.target,
  schedule: v.schedule,
  effectiveFrom: v.effectiveFrom ?? null,
});
