// What the workspace sync must write, whatever the database: the rows the config asks for (KPIs, teams,
// members, memberships, objectives), the steps that bring the stored rows in line with them (insert,
// update or reactivate, deactivate; never delete), the audit row of each step, and the target-history
// rows between two states of an objective. The SQLite sync (./sync-workspace.ts) and the PostgreSQL one
// (./pg/sync-workspace.ts) both execute these plans, so they reconcile the same way.
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
import { canonicalJson } from './db.js';
import type { kpis, members, objectives, teams } from './schema.js';

/** The reason written in target history for changes that come from the config. */
export const CONFIG_REASON = 'config file';

export interface Desired<V> {
  readonly id: string;
  readonly config: unknown;
  readonly values: V;
}

export interface Existing {
  readonly id: string;
  readonly active: boolean;
  readonly configJson: string;
}

export type Counts = { created: number; updated: number; deactivated: number; targetChanges: number };

export type Step<V, E extends Existing> =
  | { readonly kind: 'insert'; readonly d: Desired<V>; readonly json: string }
  | { readonly kind: 'update'; readonly d: Desired<V>; readonly json: string; readonly old: E }
  | { readonly kind: 'deactivate'; readonly old: E };

/** The upsert-or-deactivate steps shared by every config-backed table; an unchanged entry gives none. */
export function planReconcile<V, E extends Existing>(
  existing: readonly E[],
  desired: readonly Desired<V>[],
): Step<V, E>[] {
  const steps: Step<V, E>[] = [];
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const d of desired) {
    const json = canonicalJson(d.config);
    const old = byId.get(d.id);
    byId.delete(d.id);
    if (!old) steps.push({ kind: 'insert', d, json });
    else if (old.configJson !== json || !old.active) steps.push({ kind: 'update', d, json, old });
  }
  for (const old of byId.values()) if (old.active) steps.push({ kind: 'deactivate', old });
  return steps;
}

/** The audit fields of one step (the caller adds when and who). */
export function stepAudit<V, E extends Existing>(
  entity: string,
  step: Step<V, E>,
): { action: string; entity: string; entityId: string; before: unknown; after: unknown } {
  switch (step.kind) {
    case 'insert':
      return { action: `${entity}.create`, entity, entityId: step.d.id, before: null, after: step.d.config };
    case 'update':
      return {
        action: `${entity}.${step.old.active ? 'update' : 'reactivate'}`,
        entity,
        entityId: step.d.id,
        before: JSON.parse(step.old.configJson),
        after: step.d.config,
      };
    case 'deactivate':
      return {
        action: `${entity}.deactivate`,
        entity,
        entityId: step.old.id,
        before: JSON.parse(step.old.configJson),
        after: null,
      };
  }
}

export function countStep(counts: Counts, step: { kind: 'insert' | 'update' | 'deactivate' }): void {
  if (step.kind === 'insert') counts.created++;
  else if (step.kind === 'update') counts.updated++;
  else counts.deactivated++;
}

type Values<T extends { $inferInsert: unknown }> = Omit<
  T['$inferInsert'],
  'id' | 'configJson' | 'createdAt' | 'updatedAt' | 'active'
>;
export type KpiValues = Values<typeof kpis>;
export type TeamValues = Values<typeof teams>;
export type MemberValues = Omit<Values<typeof members>, 'upn'>;
export type ObjectiveValues = Values<typeof objectives>;
export type MembershipValues = { teamId: string; memberId: string };

export function desiredKpis(ws: Workspace): Desired<KpiValues>[] {
  return Object.values(ws.kpis).map((k) => ({
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
  }));
}

export function desiredTeams(ws: Workspace): Desired<TeamValues>[] {
  return ws.teams.map(({ members: _m, collective: _c, ...t }) => ({
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
  }));
}

export function desiredMembers(ws: Workspace): Desired<MemberValues>[] {
  return [...uniqueMembers(ws).values()].map(({ overrides: _o, ...m }) => ({
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
  }));
}

/** Memberships: the key is (team, member); the config entry carries nothing else. */
export function desiredMemberships(ws: Workspace): Desired<MembershipValues>[] {
  return ws.teams.flatMap((t) =>
    t.members.map((m) => ({ id: membershipId(t.id, m.id), config: {}, values: { teamId: t.id, memberId: m.id } })),
  );
}

export const membershipId = (teamId: string, memberId: string): string => `${teamId}/${memberId}`;

// Ids come from core/domain/objective-ids.ts, which the core's effective workspace reads rows by.
export function desiredObjectives(ws: Workspace): Desired<ObjectiveValues>[] {
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

export interface Targets {
  readonly target: TargetSpec | null;
  readonly schedule: readonly TargetChange[];
  readonly effectiveFrom: string | null;
}

export type HistoryRow = { oldTarget: TargetSpec | null; newTarget: TargetSpec | null; effectiveFrom: string | null };

export const NO_TARGETS: Targets = { target: null, schedule: [], effectiveFrom: null };

/** History rows between two states of an objective's targets (base target and dated changes). */
export function targetDiff(old: Targets, next: Targets): HistoryRow[] {
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

export const toTargets = (v: ObjectiveValues): Targets => ({
  target: v.target,
  schedule: v.schedule,
  effectiveFrom: v.effectiveFrom ?? null,
});
