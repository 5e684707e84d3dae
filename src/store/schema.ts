// The SQLite schema (drizzle sqlite-core); drizzle-kit generates migrations/ from it.
// Conventions: instants are ISO-8601 UTC text from `Date#toISOString()` (fixed width, so they sort and
// compare as text); calendar days are 'YYYY-MM-DD' text; JSON is stored as text. Nothing that carries
// history is ever deleted: rows are marked inactive, superseded or closed instead.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type {
  Comparator,
  Frequency,
  KpiKind,
  LocalizedText,
  PeriodKind,
  TargetChange,
  TargetSpec,
  Unit,
} from '../core/domain/model.js';

const createdAt = () => text('created_at').notNull();
const updatedAt = () => text('updated_at').notNull();

// ---- workspace (synced from the config file) -----------------------------------------------------

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  locale: text('locale').notNull(),
  slackChannelId: text('slack_channel_id'),
  teamsChannelId: text('teams_channel_id'),
  managers: text('managers', { mode: 'json' }).$type<string[]>().notNull(),
  holidays: text('holidays', { mode: 'json' }).$type<string[]>().notNull(),
  rituals: text('rituals', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  // Canonical JSON of the config entry last synced: the sync compares against it to stay idempotent.
  configJson: text('config_json').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    roleId: text('role_id'),
    startDate: text('start_date').notNull(),
    timezone: text('timezone'),
    locale: text('locale'),
    slackUserId: text('slack_user_id'),
    teamsAadId: text('teams_aad_id'),
    email: text('email'),
    // Learnt from Teams at runtime, not from the config: the sync never touches it.
    upn: text('upn'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    configJson: text('config_json').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('members_slack_idx').on(t.slackUserId),
    index('members_teams_idx').on(t.teamsAadId),
    index('members_email_idx').on(t.email),
    index('members_upn_idx').on(t.upn),
  ],
);

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    joinedAt: text('joined_at').notNull(),
    leftAt: text('left_at'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.memberId] }), index('team_members_member_idx').on(t.memberId)],
);

export const kpis = sqliteTable('kpis', {
  id: text('id').primaryKey(),
  label: text('label', { mode: 'json' }).$type<LocalizedText>().notNull(),
  unit: text('unit', { mode: 'json' }).$type<Unit>().notNull(),
  kind: text('kind').$type<KpiKind>().notNull(),
  direction: text('direction').$type<'higher' | 'lower'>().notNull(),
  aggregation: text('aggregation').notNull(),
  formula: text('formula'),
  sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  configJson: text('config_json').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Role objectives, member target overrides and team collective objectives, one row each. */
export const objectives = sqliteTable(
  'objectives',
  {
    // Stable key derived from the config, not from its order: role:{role}:{kpi}:{per}[:{segment}],
    // member:{member}:{kpi}:{per}[@{from}], team:{team}:{collective id}.
    id: text('id').primaryKey(),
    scope: text('scope').$type<'role' | 'member' | 'team'>().notNull(),
    roleId: text('role_id'),
    memberId: text('member_id').references(() => members.id),
    teamId: text('team_id').references(() => teams.id),
    kpiId: text('kpi_id')
      .notNull()
      .references(() => kpis.id),
    target: text('target', { mode: 'json' }).$type<TargetSpec>().notNull(),
    // Dated target changes (role objectives); the base `target` applies before the first one.
    schedule: text('schedule', { mode: 'json' }).$type<TargetChange[]>().notNull(),
    effectiveFrom: text('effective_from'),
    per: text('per').$type<PeriodKind>().notNull(),
    comparator: text('comparator').$type<Comparator>().notNull(),
    weight: real('weight'),
    alert: real('alert'),
    frequency: text('frequency').$type<Frequency>(),
    ownerId: text('owner_id'),
    contributors: text('contributors', { mode: 'json' }).$type<string[]>(),
    approverId: text('approver_id'),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>(),
    label: text('label', { mode: 'json' }).$type<LocalizedText>(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    configJson: text('config_json').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('objectives_team_idx').on(t.teamId),
    index('objectives_member_idx').on(t.memberId),
    index('objectives_role_idx').on(t.roleId),
    check('objectives_scope_ck', sql`${t.scope} in ('role', 'member', 'team')`),
  ],
);

export const objectiveTargetHistory = sqliteTable(
  'objective_target_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    objectiveId: text('objective_id')
      .notNull()
      .references(() => objectives.id),
    changedBy: text('changed_by').notNull(),
    changedAt: text('changed_at').notNull(),
    reason: text('reason').notNull(),
    oldTarget: text('old_target', { mode: 'json' }).$type<TargetSpec>(),
    newTarget: text('new_target', { mode: 'json' }).$type<TargetSpec>(),
    // Day the new target applies from; null means it replaces the base target (all periods).
    effectiveFrom: text('effective_from'),
  },
  (t) => [index('objective_target_history_objective_idx').on(t.objectiveId, t.changedAt)],
);

// ---- data: check-ins, metric values, out-of-office ------------------------------------------------

/** One row per submission; the latest per member and period is the answer. */
export const checkIns = sqliteTable(
  'check_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    periodKey: text('period_key').notNull(),
    submittedAt: text('submitted_at').notNull(),
    values: text('values', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    wins: text('wins'),
    blockers: text('blockers'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status').$type<'submitted' | 'late' | 'skipped'>().notNull(),
    platform: text('platform'),
  },
  (t) => [
    index('check_ins_member_period_idx').on(t.memberId, t.periodKey, t.submittedAt),
    index('check_ins_team_period_idx').on(t.teamId, t.periodKey),
  ],
);

export const metricValues = sqliteTable(
  'metric_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').references(() => members.id),
    teamId: text('team_id').references(() => teams.id),
    kpiId: text('kpi_id')
      .notNull()
      .references(() => kpis.id),
    date: text('date').notNull(),
    value: real('value').notNull(),
    source: text('source').$type<'checkin' | 'import' | 'api'>().notNull(),
    externalId: text('external_id').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('metric_values_source_external_uq').on(t.source, t.externalId),
    index('metric_values_member_date_idx').on(t.memberId, t.date),
    index('metric_values_team_date_idx').on(t.teamId, t.date),
    check('metric_values_subject_ck', sql`${t.memberId} is not null or ${t.teamId} is not null`),
    check('metric_values_source_ck', sql`${t.source} in ('checkin', 'import', 'api')`),
  ],
);

/** The previous state of a metric value, kept each time a corrected value replaces it. */
export const metricValueHistory = sqliteTable(
  'metric_value_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    metricValueId: integer('metric_value_id')
      .notNull()
      .references(() => metricValues.id),
    memberId: text('member_id'),
    teamId: text('team_id'),
    kpiId: text('kpi_id').notNull(),
    date: text('date').notNull(),
    value: real('value').notNull(),
    recordedAt: text('recorded_at').notNull(),
    supersededAt: text('superseded_at').notNull(),
  },
  (t) => [index('metric_value_history_value_idx').on(t.metricValueId)],
);

export const oooPeriods = sqliteTable(
  'ooo_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    cancelledAt: text('cancelled_at'),
    cancelledBy: text('cancelled_by'),
  },
  (t) => [
    index('ooo_periods_member_idx').on(t.memberId, t.fromDate),
    check('ooo_periods_range_ck', sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

// ---- ritual delivery: occurrences, outbox, conversation references, reactions ---------------------

export const ritualOccurrences = sqliteTable(
  'ritual_occurrences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // `${team}:${ritual}:${period}:${member or '*'}`: SQLite treats NULLs as distinct in a unique
    // index, so the idempotency key is one non-null column.
    key: text('key').notNull().unique(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    ritual: text('ritual').notNull(),
    periodKey: text('period_key').notNull(),
    memberId: text('member_id').references(() => members.id),
    status: text('status').notNull(),
    dueAt: text('due_at').notNull(),
    sentAt: text('sent_at'),
    // Why an occurrence was skipped or missed (ooo, holiday, submitted, no_role, unreachable, late...).
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('ritual_occurrences_due_idx').on(t.status, t.dueAt)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').unique(),
    platform: text('platform').notNull(),
    target: text('target').notNull(),
    view: text('view', { mode: 'json' }).$type<unknown>().notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed' | 'dead'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    leaseUntil: text('lease_until'),
    messageRef: text('message_ref', { mode: 'json' }).$type<unknown>(),
    lastError: text('last_error'),
    occurrenceId: integer('occurrence_id').references(() => ritualOccurrences.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('outbox_ready_idx').on(t.status, t.nextAttemptAt)],
);

export const conversationRefs = sqliteTable(
  'conversation_refs',
  {
    platform: text('platform').notNull(),
    // Platform user or channel id the reference reaches.
    key: text('key').notNull(),
    memberId: text('member_id').references(() => members.id),
    teamId: text('team_id').references(() => teams.id),
    ref: text('ref', { mode: 'json' }).$type<unknown>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.key] })],
);

export const reactions = sqliteTable(
  'reactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    postRef: text('post_ref').notNull(),
    emoji: text('emoji').notNull(),
    userId: text('user_id').notNull(),
    memberId: text('member_id').references(() => members.id),
    createdAt: createdAt(),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('reactions_uq').on(t.platform, t.postRef, t.emoji, t.userId)],
);

// ---- follow-up: breaches, decision log -----------------------------------------------------------

export const breaches = sqliteTable(
  'breaches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    objectiveId: text('objective_id')
      .notNull()
      .references(() => objectives.id),
    memberId: text('member_id').references(() => members.id),
    // Member id or '' for a team objective: lets one open breach per subject be a unique index.
    subjectKey: text('subject_key').notNull(),
    periodKey: text('period_key'),
    state: text('state').$type<'open' | 'acknowledged' | 'snoozed' | 'escalated' | 'closed'>().notNull(),
    enteredAt: text('entered_at').notNull(),
    leftAt: text('left_at'),
    snoozedUntil: text('snoozed_until'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: text('acknowledged_at'),
    nudgedAt: text('nudged_at'),
    escalatedAt: text('escalated_at'),
    lastValue: real('last_value'),
  },
  (t) => [
    uniqueIndex('breaches_one_open_uq').on(t.objectiveId, t.subjectKey).where(sql`${t.leftAt} is null`),
    index('breaches_state_idx').on(t.state),
  ],
);

export const decisions = sqliteTable(
  'decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').references(() => teams.id),
    objectiveId: text('objective_id').references(() => objectives.id),
    author: text('author').notNull(),
    createdAt: createdAt(),
    kind: text('kind').$type<'decision' | 'hypothesis' | 'test' | 'result'>().notNull(),
    text: text('text').notNull(),
    status: text('status').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('decisions_team_idx').on(t.teamId, t.createdAt),
    index('decisions_objective_idx').on(t.objectiveId),
    check('decisions_kind_ck', sql`${t.kind} in ('decision', 'hypothesis', 'test', 'result')`),
  ],
);

// ---- operations: audit, API tokens, scheduler leases ---------------------------------------------

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  // Only a hash of the token is kept; the token itself is shown once.
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  createdBy: text('created_by'),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/** Small durable facts of the ritual engine: per-team tick watermarks, processed idempotency keys. */
export const engineState = sqliteTable('engine_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

export const schedulerLeases = sqliteTable('scheduler_leases', {
  key: text('key').primaryKey(),
  owner: text('owner').notNull(),
  until: text('until').notNull(),
});

/**
 * Keys of things already handled that another process must not handle again: a Slack event id retried
 * onto another replica, a Slack view submission replayed. One row per key until `expires_at` (ISO text);
 * expired rows may be claimed again and are pruned. Keys name platform ids only, no personal data.
 */
export const processedKeys = sqliteTable(
  'processed_keys',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('processed_keys_expires_idx').on(t.expiresAt)],
);

// ---- Slack installations (OAuth v2) ----------------------------------------------------------------

/**
 * One row per Slack workspace the app is installed in, or per Enterprise Grid organisation for an
 * org-wide install. `installation` is what @slack/oauth hands over, bot token included: the database
 * file is a secret. An uninstall deletes the row (a token that no longer works is not history).
 */
export const slackInstallations = sqliteTable(
  'slack_installations',
  {
    // `team:T…` for a workspace, `enterprise:E…` for an org-wide install: what a request is authorized by.
    key: text('key').primaryKey(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: integer('is_enterprise_install', { mode: 'boolean' }).notNull(),
    installation: text('installation', { mode: 'json' }).$type<unknown>().notNull(),
    installedAt: text('installed_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('slack_installations_team_idx').on(t.teamId),
    index('slack_installations_enterprise_idx').on(t.enterpriseId),
  ],
);
