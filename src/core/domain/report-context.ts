// What every part of a team report needs to know once: the period, the as-of day in the team's zone,
// the calendar and the workspace settings. Built by report.ts, read by the member and collective parts.

import type { MetricValue } from './metric-values.js';
import type { EvidenceRule, Kpi, StatusThresholds, Team, Workspace } from './model.js';
import type { Period, PeriodSettings } from './periods.js';
import { DEFAULT_EVIDENCE_RULE } from './projection.js';
import { type OooRange, teamCalendar, type WorkingCalendar } from './working-days.js';

export interface ReportContext {
  readonly workspace: Workspace;
  readonly team: Team;
  readonly kpis: Readonly<Record<string, Kpi>>;
  readonly period: Period;
  /** The as-of instant's day in the team's zone: values after it are ignored, days up to it elapsed. */
  readonly asOfDate: string;
  readonly settings: PeriodSettings;
  readonly calendar: WorkingCalendar;
  readonly values: readonly MetricValue[];
  readonly ooo: readonly OooRange[];
  readonly cap: number;
  readonly thresholds: StatusThresholds;
  readonly evidence: EvidenceRule;
}

export function periodSettingsOf(workspace: Workspace): PeriodSettings {
  return { weekStart: workspace.defaults.weekStart, fiscalYearStart: workspace.defaults.fiscalYearStart };
}

export function reportContext(args: {
  workspace: Workspace;
  team: Team;
  period: Period;
  asOfDate: string;
  values: readonly MetricValue[];
  ooo: readonly OooRange[];
}): ReportContext {
  const { workspace } = args;
  return {
    ...args,
    kpis: workspace.kpis,
    settings: periodSettingsOf(workspace),
    calendar: teamCalendar(workspace, args.team),
    cap: workspace.defaults.attainmentCap,
    thresholds: workspace.defaults.status,
    evidence: workspace.defaults.evidence ?? DEFAULT_EVIDENCE_RULE,
  };
}
