// The zod schema of the workspace YAML file (snake_case keys, as people write it). It checks shapes and
// converts leaf values (percents, durations, amounts); references between sections are checked later
// in workspace-validate.ts, and defaults are filled in workspace-build.ts.
import { z } from 'zod';
import {
  amount,
  cron,
  durationMinutes,
  entityId,
  isoDate,
  kpiId,
  locale,
  oneOf,
  oneOrMany,
  retention,
  share,
  strictObject,
  text,
  timeZone,
  weekday,
} from './workspace-values.js';

export const BUILTIN_HOLIDAY_CALENDARS = ['FR', 'US', 'UK', 'DE'] as const;
export const MAX_COLLECTIVE_OBJECTIVES = 5;

const missingLocale = (lang: string) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? `missing the ${lang} text: every label needs both en and fr` : undefined,
    })
    .trim()
    .min(1, 'must not be empty');

export const labelSchema = strictObject({ en: missingLocale('en'), fr: missingLocale('fr') });

const unitSchema = z.union(
  [
    oneOf(['count', 'percent', 'days', 'hours']),
    strictObject({ currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO code like EUR or USD') }),
    strictObject({ score: z.number().positive('the top of the scale must be above 0') }),
  ],
  { error: 'expected count, percent, days, hours, { currency: EUR } or { score: 5 }' },
);

export const periodSchema = oneOf(['week', 'month', 'quarter', 'year']);
const comparatorSchema = oneOf(['>=', '>', '<=', '<'], 'quote it in YAML: ">="');

const kpiSchema = strictObject({
  label: labelSchema,
  unit: unitSchema,
  kind: oneOf(['activity', 'pipeline', 'result', 'quality']).optional(),
  direction: oneOf(['higher', 'lower'], 'which way is better').optional(),
  aggregation: oneOf(['sum', 'average', 'last', 'min', 'max']).optional(),
  source: oneOrMany(oneOf(['checkin', 'import', 'api'])).optional(),
  formula: text.optional(),
  // Sanity rules of a check-in: a hard limit, and "never more than that other KPI" (no_shows <= meetings_booked).
  max: amount.optional(),
  at_most: kpiId.optional(),
});

const formulaTargetSchema = strictObject({
  formula: text,
  inputs: z.record(kpiId, amount).optional(),
});

export const targetSchema = z.union([amount, formulaTargetSchema], {
  error: 'expected a number like 35, a percentage like 15%, an amount like 120k, or { formula, inputs }',
});

const segmentSchema = z.record(
  z.string(),
  z.union([z.string(), z.number()], { error: 'expected a text value' }).transform(String),
);

const objectiveSchema = strictObject({
  kpi: z.string(),
  target: targetSchema,
  per: periodSchema,
  comparator: comparatorSchema.optional(),
  weight: z.number().min(0, 'must be 0 or more').optional(),
  segment: segmentSchema.optional(),
  history: z.array(strictObject({ from: isoDate, target: targetSchema })).optional(),
});

const roleSchema = strictObject({
  label: labelSchema,
  checkin: z.array(z.string()).optional(),
  objectives: z.array(objectiveSchema).optional(),
  ramp: z.array(share).optional(),
});

const overrideSchema = strictObject({
  kpi: z.string(),
  target: targetSchema,
  per: periodSchema.optional(),
  from: isoDate.optional(),
});

const memberSchema = strictObject({
  id: entityId,
  name: text,
  role: z.string().optional(),
  start: isoDate,
  slack: z
    .string()
    .regex(/^[UW][A-Z0-9]+$/, 'a Slack user id looks like U0123ABCD')
    .optional(),
  slack_team: z
    .string()
    .regex(/^T[A-Z0-9]+$/, 'a Slack workspace id looks like T0123ABCD')
    .optional(),
  teams: text.optional(),
  email: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'not an email address')
    .optional(),
  timezone: timeZone.optional(),
  locale: locale.optional(),
  overrides: z.array(overrideSchema).optional(),
});

const collectiveSchema = strictObject({
  id: entityId,
  kpi: z.string(),
  label: labelSchema.optional(),
  target: amount,
  per: periodSchema,
  alert: amount,
  frequency: oneOf(['day', 'week', 'month', 'quarter']).optional(),
  comparator: comparatorSchema.optional(),
  owner: z.string(),
  contributors: z.array(z.string()).optional(),
  approver: z.string().optional(),
  segment: segmentSchema.optional(),
});

const ritualBase = {
  cron: cron.optional(),
  timezone: timeZone.optional(),
  enabled: z.boolean().optional(),
};

export const ritualsSchema = strictObject({
  checkin: strictObject({
    ...ritualBase,
    local_time: z.boolean().optional(),
    reminders: z.array(durationMinutes).optional(),
    deadline: durationMinutes.optional(),
  }).optional(),
  leaderboard: strictObject({
    ...ritualBase,
    top: z.number().int().positive('must be 1 or more').optional(),
    dm_ranks: z.boolean().optional(),
  }).optional(),
  progress: strictObject(ritualBase).optional(),
  breach_scan: strictObject({ ...ritualBase, escalate_after: durationMinutes.optional() }).optional(),
  standup: strictObject(ritualBase).optional(),
  monthly_review: strictObject(ritualBase).optional(),
  qbr: strictObject(ritualBase).optional(),
});

const teamSchema = strictObject({
  id: entityId,
  name: text,
  timezone: timeZone.optional(),
  locale: locale.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a currency is an ISO code like EUR or USD')
    .optional(),
  individuals_in_channel: oneOf(['none', 'top', 'all']).optional(),
  holidays: oneOrMany(z.string()).optional(),
  channels: strictObject({
    slack: z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, 'a Slack channel id looks like C0123ABCD')
      .optional(),
    slack_team: z
      .string()
      .regex(/^T[A-Z0-9]+$/, 'a Slack workspace id looks like T0123ABCD')
      .optional(),
    teams: text.optional(),
  }).optional(),
  managers: z.array(z.string()).optional(),
  members: z.array(memberSchema).min(1, 'a team needs at least one member'),
  collective: z.array(collectiveSchema).optional(),
  rituals: ritualsSchema.optional(),
});

const holidayCalendarSchema = strictObject({
  builtin: oneOf(BUILTIN_HOLIDAY_CALENDARS, 'the built-in calendars').optional(),
  dates: z.array(isoDate).optional(),
});

const settingsSchema = strictObject({
  name: text,
  locale: locale.optional(),
  timezone: timeZone.optional(),
  fiscal_year_start: z.number().int().min(1, 'must be a month, 1 to 12').max(12, 'must be a month, 1 to 12').optional(),
  week_start: weekday.optional(),
  working_days: z.array(weekday).min(1, 'needs at least one working day').optional(),
  status: strictObject({ on_track: amount.optional(), at_risk: amount.optional() }).optional(),
  attainment_cap: amount.refine((n) => n >= 1, 'must be 1 (100%) or more').optional(),
  ooo_prorates_targets: z.boolean().optional(),
  // What reviews post about individuals in team channels (each team may override it).
  individuals_in_channel: oneOf(['none', 'top', 'all']).optional(),
  // Before this much of a period has elapsed, no status, no projection, no breach.
  evidence: strictObject({
    min_days: z.number().int('must be a whole number of working days').min(0, 'must be 0 or more').optional(),
    min_share: share.optional(),
  }).optional(),
  // How long personal data is kept; unset keys take the defaults (free text 2y, outbox bodies 30d, the rest unlimited).
  retention: strictObject({
    checkin_text: retention.optional(),
    metric_values: retention.optional(),
    outbox_bodies: retention.optional(),
    audit_log: retention.optional(),
    decisions: retention.optional(),
  }).optional(),
});

export const workspaceSchema = strictObject({
  workspace: settingsSchema,
  holidays: z.record(entityId, holidayCalendarSchema).optional(),
  kpis: z.record(kpiId, kpiSchema),
  roles: z.record(entityId, roleSchema).optional(),
  /** Workspace-wide ritual settings; each team may override them field by field. */
  rituals: ritualsSchema.optional(),
  teams: z.array(teamSchema).min(1, 'a workspace needs at least one team'),
});

export type RawWorkspace = z.output<typeof workspaceSchema>;
export type RawKpi = z.output<typeof kpiSchema>;
export type RawRole = z.output<typeof roleSchema>;
export type RawObjective = z.output<typeof objectiveSchema>;
export type RawTeam = z.output<typeof teamSchema>;
export type RawMember = z.output<typeof memberSchema>;
export type RawCollective = z.output<typeof collectiveSchema>;
export type RawTarget = z.output<typeof targetSchema>;
export type RawRituals = z.output<typeof ritualsSchema>;
