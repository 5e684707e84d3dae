// The goal model shared by every part of the product: what a workspace config describes once it is
// validated. Pure types, no behaviour. Dates are ISO `YYYY-MM-DD` strings (calendar days, no zone);
// instants are ISO strings with an offset. Percent values and targets are fractions (15 % = 0.15).
import type { RetentionPolicy } from './retention.js';

export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];

export type LocalizedText = Readonly<Record<Locale, string>>;

export type Unit =
  | { readonly type: 'count' }
  | { readonly type: 'currency'; readonly currency: string }
  | { readonly type: 'percent' }
  | { readonly type: 'days' }
  | { readonly type: 'hours' }
  | { readonly type: 'score'; readonly max: number };

export type KpiKind = 'activity' | 'pipeline' | 'result' | 'quality';
export type Direction = 'higher' | 'lower';
export type Aggregation = 'sum' | 'average' | 'last' | 'min' | 'max';
export type KpiSource = 'checkin' | 'import' | 'api';
export type Comparator = '>=' | '>' | '<=' | '<';
export type PeriodKind = 'week' | 'month' | 'quarter' | 'year';
export type Frequency = 'day' | 'week' | 'month' | 'quarter';

export interface Kpi {
  readonly id: string;
  readonly label: LocalizedText;
  readonly unit: Unit;
  readonly kind: KpiKind;
  readonly direction: Direction;
  /** How base values combine over a period. Ignored when `formula` is set. */
  readonly aggregation: Aggregation;
  /** A derived KPI: computed from the period's aggregated base values, never stored. */
  readonly formula?: string;
  /** Where values come from (empty for derived KPIs). */
  readonly sources: readonly KpiSource[];
  /** A check-in value above this (stored units: 15 % is 0.15) is refused as implausible. */
  readonly max?: number;
  /** A check-in value above this other KPI's value in the same check-in is refused (no-shows <= meetings). */
  readonly atMost?: string;
}

/** A target is a number, or a formula over KPIs of the same period and named inputs. */
export type TargetSpec =
  | { readonly value: number }
  | { readonly formula: string; readonly inputs: Readonly<Record<string, number>> };

/** A dated target change: in force from `from` (inclusive) until the next change. */
export interface TargetChange {
  readonly from: string;
  readonly target: TargetSpec;
}

export interface Objective {
  readonly kpi: string;
  readonly target: TargetSpec;
  /** Earlier or later targets, each effective from its date; `target` applies before the first one. */
  readonly history: readonly TargetChange[];
  readonly per: PeriodKind;
  readonly comparator: Comparator;
  readonly weight: number;
  /** Segment, product, region or channel the objective is restricted to, if any. */
  readonly segment?: Readonly<Record<string, string>>;
}

export interface Role {
  readonly id: string;
  readonly label: LocalizedText;
  /** KPIs asked in the weekly check-in, in form order. */
  readonly checkin: readonly string[];
  readonly objectives: readonly Objective[];
  /** Share of target by month of tenure (index 0 = first month); 1.0 after the curve ends. */
  readonly ramp: readonly number[];
}

export interface TargetOverride {
  readonly kpi: string;
  readonly target: TargetSpec;
  readonly per?: PeriodKind;
  readonly from?: string;
}

export interface PlatformIds {
  readonly slack?: string;
  /** The Slack workspace (team id `T…`) the member lives in, when the app is installed in several. */
  readonly slackTeam?: string;
  /** Teams (AAD object id) */
  readonly teams?: string;
  readonly email?: string;
}

export interface Member {
  readonly id: string;
  readonly name: string;
  /** Managers and observers may have no role (and so no objectives). */
  readonly role?: string;
  readonly start: string;
  readonly ids: PlatformIds;
  readonly timezone?: string;
  readonly locale?: Locale;
  readonly overrides: readonly TargetOverride[];
}

/** A dated change of a collective objective's target: in force from `from` until the next change. */
export interface CollectiveTargetChange {
  readonly from: string;
  readonly target: number;
}

export interface CollectiveObjective {
  readonly id: string;
  readonly kpi: string;
  readonly label?: LocalizedText;
  readonly target: number;
  /** Later targets, each in force from its date (e.g. a QBR change made in chat); `target` applies before. */
  readonly history?: readonly CollectiveTargetChange[];
  readonly per: PeriodKind;
  /** The alert threshold: at or beyond it (direction-aware) the objective is breached. */
  readonly alert: number;
  readonly frequency: Frequency;
  readonly comparator: Comparator;
  readonly owner: string;
  readonly contributors: readonly string[];
  readonly approver?: string;
  readonly segment?: Readonly<Record<string, string>>;
}

export interface RitualSchedule {
  readonly cron: string;
  /** Time zone the cron is read in; defaults to the team's. */
  readonly timezone?: string;
  /** Fire at each member's own local time instead of the team's. */
  readonly localTime: boolean;
  readonly enabled: boolean;
  /** Reminder delays after the prompt, in minutes. */
  readonly remindersMinutes: readonly number[];
  /** How long after the prompt answers are accepted, in minutes. */
  readonly deadlineMinutes?: number;
  /** Leaderboard: how many members are shown in public. */
  readonly top?: number;
  /** Leaderboard: also send each ranked member their own rank by DM (default off). */
  readonly dmRanks?: boolean;
  /** Breach scan: escalate to the managers after this many minutes in breach. */
  readonly escalateAfterMinutes?: number;
}

/**
 * Individual results in a team channel's reviews: `none` (team totals only), `top` (totals and the
 * leaderboard's top N), `all` (every member's figures). Reps get their own review and managers the full
 * table by DM unless it is `all`.
 */
export type IndividualsInChannel = 'none' | 'top' | 'all';

export type RitualId = 'checkin' | 'leaderboard' | 'progress' | 'breach_scan' | 'standup' | 'monthly_review' | 'qbr';
export const RITUAL_IDS: readonly RitualId[] = [
  'checkin',
  'leaderboard',
  'progress',
  'breach_scan',
  'standup',
  'monthly_review',
  'qbr',
];

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
  readonly locale: Locale;
  /** ISO currency code shown for the team's currency KPIs instead of the KPI's own (the US team sees $). */
  readonly currency?: string;
  /** What reviews post about individuals in the team channel; absent: the workspace's setting. */
  readonly individualsInChannel?: IndividualsInChannel;
  /** Holiday calendar ids (see Workspace.holidays); the team's public holidays are their union. */
  readonly holidays: readonly string[];
  /** `slackTeam`: the Slack workspace (`T…`) of the channel, and of members who name none. */
  readonly channels: { readonly slack?: string; readonly slackTeam?: string; readonly teams?: string };
  readonly managers: readonly string[];
  readonly members: readonly Member[];
  readonly collective: readonly CollectiveObjective[];
  readonly rituals: Readonly<Partial<Record<RitualId, RitualSchedule>>>;
}

export interface HolidayCalendar {
  readonly id: string;
  /** A built-in rule set computed for any year ('FR', 'US', 'UK', 'DE'), if any. */
  readonly builtin?: string;
  /** Extra dates (YYYY-MM-DD). */
  readonly dates: readonly string[];
}

export interface StatusThresholds {
  /** Projected attainment at or above which an objective is on track. */
  readonly onTrack: number;
  /** Projected attainment at or above which an objective is at risk (below: off track). */
  readonly atRisk: number;
}

/** How much of a period must have elapsed before a projection (and so a status or a breach) is shown. */
export interface EvidenceRule {
  /** At least this many elapsed working days... */
  readonly minDays: number;
  /** ...and at least this share of the period's working days (0.1 = 10 %). */
  readonly minShare: number;
}

export interface WorkspaceDefaults {
  readonly locale: Locale;
  readonly timezone: string;
  /** 1-12: month the fiscal year starts (quarters and years follow it). */
  readonly fiscalYearStart: number;
  /** ISO weekday the week starts on: 1 = Monday ... 7 = Sunday. */
  readonly weekStart: number;
  /** ISO weekdays that are worked (default Monday to Friday). */
  readonly workingWeekdays: readonly number[];
  readonly status: StatusThresholds;
  /** Cap of every attainment figure (both directions, in every view and in scores). */
  readonly attainmentCap: number;
  /** Evidence needed before statuses and breaches (default: 2 working days and 10 % of the period). */
  readonly evidence?: EvidenceRule;
  /** What monthly reviews and QBRs post about individuals in team channels (default `top`). */
  readonly individualsInChannel?: IndividualsInChannel;
  /**
   * Reduce members' sum-KPI targets by their out-of-office days (target × their working days present ÷
   * the team's working days in the period). Off when absent: OOO then only slows the expected pace.
   */
  readonly oooProratesTargets?: boolean;
  /** How long personal data is kept (`retention` in the config); absent: DEFAULT_RETENTION. */
  readonly retention?: RetentionPolicy;
}

export interface Workspace {
  readonly name: string;
  readonly defaults: WorkspaceDefaults;
  readonly holidays: Readonly<Record<string, HolidayCalendar>>;
  readonly kpis: Readonly<Record<string, Kpi>>;
  readonly roles: Readonly<Record<string, Role>>;
  readonly teams: readonly Team[];
}

export const DEFAULT_COMPARATOR: Readonly<Record<Direction, Comparator>> = {
  higher: '>=',
  lower: '<=',
};
