// Turns a validated workspace YAML (snake_case, optional keys) into the goal model of
// src/core/domain/model.ts: camelCase, every default filled in, deeply frozen.
import {
  type CollectiveObjective,
  DEFAULT_COMPARATOR,
  type Kpi,
  type Member,
  type Objective,
  type Role,
  type TargetSpec,
  type Team,
  type Unit,
  type Workspace,
  type WorkspaceDefaults,
} from '../core/domain/model.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../core/domain/retention.js';
import { mergeRituals } from './ritual-defaults.js';
import type {
  RawCollective,
  RawKpi,
  RawMember,
  RawObjective,
  RawTarget,
  RawTeam,
  RawWorkspace,
} from './workspace-schema.js';

export const DEFAULT_TIMEZONE = 'UTC';

function unit(raw: RawKpi['unit']): Unit {
  if (typeof raw === 'string') return { type: raw };
  if ('currency' in raw) return { type: 'currency', currency: raw.currency };
  return { type: 'score', max: raw.score };
}

function kpi(id: string, raw: RawKpi): Kpi {
  return {
    id,
    label: raw.label,
    unit: unit(raw.unit),
    kind: raw.kind ?? 'activity',
    direction: raw.direction ?? 'higher',
    aggregation: raw.aggregation ?? 'sum',
    ...(raw.formula !== undefined ? { formula: raw.formula } : {}),
    sources: raw.formula !== undefined ? [] : (raw.source ?? ['checkin']),
    ...(raw.max !== undefined ? { max: raw.max } : {}),
    ...(raw.at_most !== undefined ? { atMost: raw.at_most } : {}),
  };
}

function target(raw: RawTarget): TargetSpec {
  return typeof raw === 'number' ? { value: raw } : { formula: raw.formula, inputs: raw.inputs ?? {} };
}

function objective(raw: RawObjective, kpis: Readonly<Record<string, Kpi>>): Objective {
  return {
    kpi: raw.kpi,
    target: target(raw.target),
    history: (raw.history ?? []).map((h) => ({ from: h.from, target: target(h.target) })),
    per: raw.per,
    comparator: raw.comparator ?? DEFAULT_COMPARATOR[kpis[raw.kpi]!.direction],
    weight: raw.weight ?? 1,
    ...(raw.segment ? { segment: raw.segment } : {}),
  };
}

function member(raw: RawMember): Member {
  return {
    id: raw.id,
    name: raw.name,
    ...(raw.role !== undefined ? { role: raw.role } : {}),
    start: raw.start,
    ids: {
      ...(raw.slack !== undefined ? { slack: raw.slack } : {}),
      ...(raw.slack_team !== undefined ? { slackTeam: raw.slack_team } : {}),
      ...(raw.teams !== undefined ? { teams: raw.teams } : {}),
      ...(raw.email !== undefined ? { email: raw.email } : {}),
    },
    ...(raw.timezone !== undefined ? { timezone: raw.timezone } : {}),
    ...(raw.locale !== undefined ? { locale: raw.locale } : {}),
    overrides: (raw.overrides ?? []).map((o) => ({
      kpi: o.kpi,
      target: target(o.target),
      ...(o.per !== undefined ? { per: o.per } : {}),
      ...(o.from !== undefined ? { from: o.from } : {}),
    })),
  };
}

function collective(raw: RawCollective, kpis: Readonly<Record<string, Kpi>>): CollectiveObjective {
  return {
    id: raw.id,
    kpi: raw.kpi,
    ...(raw.label ? { label: raw.label } : {}),
    target: raw.target,
    per: raw.per,
    alert: raw.alert,
    frequency: raw.frequency ?? 'week',
    comparator: raw.comparator ?? DEFAULT_COMPARATOR[kpis[raw.kpi]!.direction],
    owner: raw.owner,
    contributors: raw.contributors ?? [],
    ...(raw.approver !== undefined ? { approver: raw.approver } : {}),
    ...(raw.segment ? { segment: raw.segment } : {}),
  };
}

function team(raw: RawTeam, ws: RawWorkspace, defaults: WorkspaceDefaults, kpis: Readonly<Record<string, Kpi>>): Team {
  const timezone = raw.timezone ?? defaults.timezone;
  return {
    id: raw.id,
    name: raw.name,
    timezone,
    locale: raw.locale ?? defaults.locale,
    ...(raw.currency !== undefined ? { currency: raw.currency } : {}),
    ...(raw.individuals_in_channel !== undefined ? { individualsInChannel: raw.individuals_in_channel } : {}),
    holidays: raw.holidays ?? [],
    channels: {
      ...(raw.channels?.slack !== undefined ? { slack: raw.channels.slack } : {}),
      ...(raw.channels?.slack_team !== undefined ? { slackTeam: raw.channels.slack_team } : {}),
      ...(raw.channels?.teams !== undefined ? { teams: raw.channels.teams } : {}),
    },
    managers: raw.managers ?? [],
    members: raw.members.map(member),
    collective: (raw.collective ?? []).map((c) => collective(c, kpis)),
    rituals: mergeRituals(defaults.fiscalYearStart, ws.rituals, raw.rituals, timezone),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function retentionPolicy(r: NonNullable<RawWorkspace['workspace']['retention']>): RetentionPolicy {
  const d = DEFAULT_RETENTION;
  return {
    checkinText: r.checkin_text ?? d.checkinText,
    metricValues: r.metric_values ?? d.metricValues,
    outboxBodies: r.outbox_bodies ?? d.outboxBodies,
    auditLog: r.audit_log ?? d.auditLog,
    decisions: r.decisions ?? d.decisions,
  };
}

export function buildWorkspace(raw: RawWorkspace): Workspace {
  const s = raw.workspace;
  const defaults: WorkspaceDefaults = {
    locale: s.locale ?? 'en',
    timezone: s.timezone ?? DEFAULT_TIMEZONE,
    fiscalYearStart: s.fiscal_year_start ?? 1,
    weekStart: s.week_start ?? 1,
    workingWeekdays: s.working_days ?? [1, 2, 3, 4, 5],
    status: { onTrack: s.status?.on_track ?? 1, atRisk: s.status?.at_risk ?? 0.85 },
    attainmentCap: s.attainment_cap ?? 2,
    ...(s.ooo_prorates_targets !== undefined ? { oooProratesTargets: s.ooo_prorates_targets } : {}),
    evidence: { minDays: s.evidence?.min_days ?? 2, minShare: s.evidence?.min_share ?? 0.1 },
    individualsInChannel: s.individuals_in_channel ?? 'top',
    ...(s.retention ? { retention: retentionPolicy(s.retention) } : {}),
  };
  const kpis = Object.fromEntries(Object.entries(raw.kpis).map(([id, k]) => [id, kpi(id, k)]));
  const roles = Object.fromEntries(
    Object.entries(raw.roles ?? {}).map(([id, r]): [string, Role] => [
      id,
      {
        id,
        label: r.label,
        checkin: r.checkin ?? [],
        objectives: (r.objectives ?? []).map((o) => objective(o, kpis)),
        ramp: r.ramp ?? [],
      },
    ]),
  );
  const holidays = Object.fromEntries(
    Object.entries(raw.holidays ?? {}).map(([id, h]) => [
      id,
      { id, ...(h.builtin !== undefined ? { builtin: h.builtin } : {}), dates: h.dates ?? [] },
    ]),
  );
  return deepFreeze({
    name: s.name,
    defaults,
    holidays,
    kpis,
    roles,
    teams: raw.teams.map((t) => team(t, raw, defaults, kpis)),
  });
}
