// What the core needs from outside, as plain data and async interfaces: the repositories of the durable
// store (SQLite today; async so another backend can slot in). No ORM or driver type appears here.
// Instants are ISO-8601 UTC strings, days 'YYYY-MM-DD'; callers pass `at` so use cases stay testable.
import type { MetricValue } from '../domain/metric-values.js';
import type { Locale, TargetChange, TargetSpec, Workspace } from '../domain/model.js';
import type { RetentionCutoffs } from '../domain/retention.js';
import type { ChartRef } from '../view-models.js';

// ---- metric values -----------------------------------------------------------------------------

export type MetricSource = 'checkin' | 'import' | 'api';

export interface MetricValueInput {
  /** A member's value, or a team-level value when only `teamId` is set. */
  readonly memberId?: string | null;
  readonly teamId?: string | null;
  readonly kpiId: string;
  readonly date: string;
  readonly value: number;
  readonly source: MetricSource;
  /** Unique per source: the idempotency key of an import or API call. */
  readonly externalId: string;
}

export interface StoredMetricValue extends MetricValueInput {
  readonly id: number;
  readonly memberId: string | null;
  readonly teamId: string | null;
  readonly recordedAt: string;
}

export interface MetricValueRevision {
  readonly metricValueId: number;
  readonly memberId: string | null;
  readonly teamId: string | null;
  readonly kpiId: string;
  readonly date: string;
  readonly value: number;
  readonly recordedAt: string;
  readonly supersededAt: string;
}

export interface UpsertSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface MetricValueFilter {
  readonly teamId?: string;
  readonly memberIds?: readonly string[];
  readonly kpiIds?: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

export interface MetricValuesRepo {
  /** All or nothing, in one transaction. Same (source, externalId) and same data: no change; different data: update + history. */
  upsertMany(values: readonly MetricValueInput[], opts: { readonly at: string }): Promise<UpsertSummary>;
  /** Team-level values of `teamId` and values of `memberIds`, with `from <= date <= to`. */
  listForTeamPeriod(teamId: string, memberIds: readonly string[], from: string, to: string): Promise<StoredMetricValue[]>;
  /**
   * The same values, in the same order (date, then id), as the report maths reads them: no ids, sources
   * or external ids. Optional: a faster read for large teams; reports fall back on listForTeamPeriod.
   */
  listReportValues?(teamId: string, memberIds: readonly string[], from: string, to: string): Promise<MetricValue[]>;
  list(filter: MetricValueFilter): Promise<StoredMetricValue[]>;
  findByExternalId(source: MetricSource, externalId: string): Promise<StoredMetricValue | undefined>;
  /** Earlier states of a value, oldest first. */
  listHistory(metricValueId: number): Promise<MetricValueRevision[]>;
}

// ---- check-ins ---------------------------------------------------------------------------------

export type CheckInStatus = 'submitted' | 'late' | 'skipped';

export interface CheckInInput {
  readonly memberId: string;
  readonly teamId: string;
  readonly periodKey: string;
  readonly values: Readonly<Record<string, number>>;
  readonly wins?: string | null;
  readonly blockers?: string | null;
  /** A replayed submission with the same key is not stored twice. */
  readonly idempotencyKey: string;
  readonly submittedAt: string;
  readonly status?: CheckInStatus;
  readonly platform?: string | null;
}

export interface CheckIn {
  readonly id: number;
  readonly memberId: string;
  readonly teamId: string;
  readonly periodKey: string;
  readonly values: Readonly<Record<string, number>>;
  readonly wins: string | null;
  readonly blockers: string | null;
  readonly idempotencyKey: string;
  readonly submittedAt: string;
  readonly status: CheckInStatus;
  readonly platform: string | null;
}

export interface CheckInFilter {
  readonly teamId?: string;
  readonly memberIds?: readonly string[];
  readonly periodKeys?: readonly string[];
  /** On the day of `submittedAt` (UTC), inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Only the latest submission per member and period. */
  readonly latestOnly?: boolean;
}

export interface CheckInsRepo {
  /** Each submission is a new row; `duplicate` is true when the idempotency key was already stored. */
  submit(input: CheckInInput): Promise<{ readonly checkIn: CheckIn; readonly duplicate: boolean }>;
  latestFor(memberId: string, periodKey: string): Promise<CheckIn | undefined>;
  list(filter: CheckInFilter): Promise<CheckIn[]>;
}

// ---- out of office -------------------------------------------------------------------------------

export interface OooPeriod {
  readonly id: number;
  readonly memberId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly cancelledAt: string | null;
}

export interface OooRepo {
  add(input: { memberId: string; from: string; to: string; reason?: string; by: string; at: string }): Promise<OooPeriod>;
  /** Kept for history: a cancelled period no longer counts. */
  cancel(id: number, opts: { by: string; at: string }): Promise<boolean>;
  /** Periods (not cancelled) of these members overlapping [from, to]. */
  listOverlapping(memberIds: readonly string[], from: string, to: string): Promise<OooPeriod[]>;
}

// ---- objectives and their target history ----------------------------------------------------------

export type ObjectiveScope = 'role' | 'member' | 'team';

export interface StoredObjective {
  readonly id: string;
  readonly scope: ObjectiveScope;
  readonly roleId: string | null;
  readonly memberId: string | null;
  readonly teamId: string | null;
  readonly kpiId: string;
  readonly target: TargetSpec;
  readonly schedule: readonly TargetChange[];
  readonly effectiveFrom: string | null;
  readonly per: string;
  readonly comparator: string;
  readonly weight: number | null;
  readonly alert: number | null;
  readonly ownerId: string | null;
  readonly segment: Readonly<Record<string, string>> | null;
  readonly active: boolean;
}

export interface TargetHistoryEntry {
  readonly id: number;
  readonly objectiveId: string;
  readonly changedBy: string;
  readonly changedAt: string;
  readonly reason: string;
  readonly oldTarget: TargetSpec | null;
  readonly newTarget: TargetSpec | null;
  /** null: the base target changed (all periods). */
  readonly effectiveFrom: string | null;
}

export interface TargetChangeInput {
  readonly objectiveId: string;
  readonly target: TargetSpec;
  /** From this day on; omitted: replaces the base target. */
  readonly effectiveFrom?: string;
  readonly by: string;
  readonly reason: string;
  readonly at: string;
}

export interface ObjectivesRepo {
  get(id: string): Promise<StoredObjective | undefined>;
  list(filter: { teamId?: string; memberId?: string; roleId?: string; scope?: ObjectiveScope; includeInactive?: boolean }): Promise<StoredObjective[]>;
  /** A manager's change: updates the objective, writes target history and the audit log; undefined if unknown. */
  changeTarget(change: TargetChangeInput): Promise<StoredObjective | undefined>;
  targetHistory(objectiveId: string): Promise<TargetHistoryEntry[]>;
  /**
   * Changes whenever a target (config sync or chat) or an objective row changes: lets the core keep its
   * effective workspace until then. Optional: without it, the core reads the objectives on every use.
   */
  version?(): Promise<string>;
}

// ---- audit log -----------------------------------------------------------------------------------

export interface AuditEntryInput {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditEntry extends AuditEntryInput {
  readonly id: number;
  readonly entityId: string | null;
}

export interface AuditRepo {
  record(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first; `since` an instant, `from`/`to` inclusive days (UTC); at most `limit` rows (default 1000). */
  list(filter: { entity?: string; entityId?: string; actor?: string; since?: string; from?: string; to?: string; limit?: number }): Promise<AuditEntry[]>;
}

// ---- decision log --------------------------------------------------------------------------------

export type DecisionKind = 'decision' | 'hypothesis' | 'test' | 'result';

export interface Decision {
  readonly id: number;
  readonly teamId: string | null;
  readonly objectiveId: string | null;
  readonly author: string;
  readonly createdAt: string;
  readonly kind: DecisionKind;
  readonly text: string;
  readonly status: string;
}

export interface DecisionsRepo {
  record(input: Omit<Decision, 'id' | 'status'> & { status?: string }): Promise<Decision>;
  setStatus(id: number, status: string, opts: { by: string; at: string }): Promise<boolean>;
  list(filter: { teamId?: string; objectiveId?: string; from?: string; to?: string }): Promise<Decision[]>;
}

// ---- workspace (teams and members as synced from the config) -------------------------------------

export type IdentityKind = 'slack' | 'teams' | 'email' | 'upn';

export interface StoredTeam {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
  readonly locale: string;
  readonly active: boolean;
}

export interface StoredMember {
  readonly id: string;
  readonly name: string;
  readonly roleId: string | null;
  readonly startDate: string;
  readonly slackUserId: string | null;
  readonly teamsAadId: string | null;
  readonly email: string | null;
  readonly upn: string | null;
  readonly active: boolean;
  /** Teams the member currently belongs to. */
  readonly teamIds: readonly string[];
}

export interface SyncSummary {
  readonly created: number;
  readonly updated: number;
  readonly deactivated: number;
  readonly targetChanges: number;
}

export interface WorkspaceRepo {
  /** Upserts the config into the store; never deletes; idempotent. */
  sync(workspace: Workspace, opts: { actor: string; at: string }): Promise<SyncSummary>;
  listTeams(opts?: { includeInactive?: boolean }): Promise<StoredTeam[]>;
  listMembers(opts?: { teamId?: string; includeInactive?: boolean }): Promise<StoredMember[]>;
  findMemberByIdentity(kind: IdentityKind, value: string): Promise<StoredMember | undefined>;
  /** Learnt at runtime (e.g. a Teams UPN); the config sync leaves it alone. */
  setIdentity(memberId: string, kind: IdentityKind, value: string | null): Promise<void>;
  /**
   * Members who were in the team and are no longer (left the config, or erased and kept as a pseudonym):
   * their values still count in the team's collective figures. Optional: without it, only current
   * members count.
   */
  formerMemberIds?(teamId: string): Promise<string[]>;
}

// ---- personal data: retention, access and erasure ----------------------------------------------------

/** What one application of the retention settings removed (or would remove, in a dry run). */
export interface RetentionCounts {
  /** Check-ins whose wins and blockers were cleared. */
  readonly checkinTexts: number;
  readonly metricValues: number;
  /** Earlier states of the metric values removed. */
  readonly metricValueHistory: number;
  /** Delivered or given-up outbox rows whose message body was removed. */
  readonly outboxBodies: number;
  readonly auditRows: number;
  readonly decisions: number;
}

export interface RetentionRepo {
  /** Removes what is older than each cutoff (a kind without one is kept), in short batches; a dry run counts and changes nothing. */
  apply(cutoffs: RetentionCutoffs, opts: { readonly dryRun: boolean }): Promise<RetentionCounts>;
}

// ---- personal data: access and erasure -------------------------------------------------------------

/** Everything stored about one member: rows per table (raw columns, JSON text parsed). */
export interface PersonExport {
  readonly format: 'rituals.person-export/1';
  readonly memberId: string;
  readonly exportedAt: string;
  readonly tables: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/** What an erasure did to one table. */
export interface EraseTableReport {
  readonly table: string;
  readonly deleted: number;
  /** Rows kept with the person's ids, names and free text replaced (pseudonym or a marker). */
  readonly anonymised: number;
}

export interface EraseReport {
  /** The random id the person's numbers (with keepAggregates) and references now carry. */
  readonly pseudonym: string;
  readonly keptAggregates: boolean;
  readonly tables: readonly EraseTableReport[];
}

export interface PersonDataRepo {
  /** A member known to the store, by member id or (case-insensitive) email. */
  find(idOrEmail: string): Promise<StoredMember | undefined>;
  /** Collects every row about the member and records the export in the audit log. */
  export(memberId: string, opts: { readonly actor: string; readonly at: string }): Promise<PersonExport>;
  /**
   * Deletes or anonymises every row about a member no longer in the config, in one transaction, and
   * records it in the audit log under the pseudonym. `keepAggregates`: their metric values stay, under
   * the pseudonym, so team figures do not change; otherwise they are deleted.
   */
  erase(memberId: string, opts: { readonly actor: string; readonly at: string; readonly keepAggregates: boolean }): Promise<EraseReport>;
}

/** Every repository the core uses, as one object. */
export interface Repositories {
  readonly metricValues: MetricValuesRepo;
  readonly checkIns: CheckInsRepo;
  readonly ooo: OooRepo;
  readonly objectives: ObjectivesRepo;
  readonly audit: AuditRepo;
  readonly decisions: DecisionsRepo;
  readonly workspace: WorkspaceRepo;
}

// ---- chat: where views go, and how a send went ------------------------------------------------------

export type Platform = 'slack' | 'teams' | 'sandbox';

/** Where a message goes: a member's direct messages, or a team's channel. */
export type Destination =
  | { readonly kind: 'dm'; readonly memberId: string }
  | { readonly kind: 'channel'; readonly teamId: string };

/** A sent message, enough for the adapter to update it or match reactions to it. Opaque to the core. */
export interface MessageRef {
  readonly platform: Platform;
  /** Slack channel id / Teams conversation id / sandbox thread id. */
  readonly conversation: string;
  /** Slack ts / Teams activity id / sandbox message id. */
  readonly id: string;
  /** The Slack workspace (team id) the message lives in, when the app is installed in several. */
  readonly workspace?: string;
}

export type SendOutcome =
  | { readonly status: 'sent'; readonly ref: MessageRef }
  /** `scope: 'global'` when the platform says the whole app is throttled; otherwise only this conversation waits. */
  | { readonly status: 'rate_limited'; readonly retryAfterMs: number; readonly scope?: 'conversation' | 'global' }
  /** Will never succeed as is (channel not found, bot removed, user inactive): park and tell the admins. */
  | { readonly status: 'failed_permanent'; readonly code: string; readonly reason: string }
  /** May succeed later (5xx, network): retry with backoff and jitter. */
  | { readonly status: 'failed_transient'; readonly code: string; readonly reason: string };

/**
 * What the core needs from a chat platform. `view` is one of the neutral views of core/view-models.ts;
 * the adapter renders it (Block Kit, Adaptive Card, HTML) and resolves member and team ids to the
 * platform's user and channel ids. Implementations never throw for platform errors: they report them.
 */
export interface ChatGateway {
  readonly platform: Platform;
  send(destination: Destination, view: unknown): Promise<SendOutcome>;
  update(ref: MessageRef, view: unknown): Promise<SendOutcome>;
}

/** The clock, injected so rituals, tests and the sandbox's time travel agree on "now". */
export interface Clock {
  now(): Date;
}

/** Structured logging, as the core sees it: ids and counts, never tokens or message bodies. */
export interface CoreLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
  debug(obj: Record<string, unknown>, msg: string): void;
}

// ---- outbox: every outbound message is a row before it is sent ----------------------------------------

export interface OutboxItemInput {
  /** Unique: enqueueing the same key twice stores one row (e.g. `occ:{occurrenceKey}` or `nudge:{breachId}`). */
  readonly dedupeKey: string;
  readonly platform: Platform;
  readonly destination: Destination;
  /** A neutral view (core/view-models.ts), stored as JSON. */
  readonly view: unknown;
  /** Replace an earlier message instead of posting a new one. */
  readonly updateOf?: MessageRef;
  readonly occurrenceId?: number;
  /** Not sent before this instant (ISO); default: now. */
  readonly notBefore?: string;
}

export interface OutboxPort {
  /** Stores the items (those whose dedupeKey exists are skipped); returns how many were new. */
  enqueue(
    items: readonly OutboxItemInput[],
    opts: { readonly at: string },
  ): Promise<{ readonly enqueued: number; readonly duplicates: number; /** Per item, in order: false for a key already queued. */ readonly inserted: readonly boolean[] }>;
  /** The message a delivered item became, if it was delivered (to update it later or match reactions). */
  deliveredRef(dedupeKey: string): Promise<MessageRef | undefined>;
}

// ---- ritual engine: occurrences, breaches, reactions, engine state, cron ---------------------------------

/**
 * scheduled: due later (reminder, deadline, escalation, moved review); pending: claimed, messages being
 * queued (a crash leaves it pending and the next tick repairs it); enqueued: its messages are in the
 * outbox; done: ran without a message of its own; skipped / missed: never sent (see `reason`).
 */
export type OccurrenceStatus = 'scheduled' | 'pending' | 'enqueued' | 'done' | 'skipped' | 'missed';

export interface OccurrenceInput {
  /** `${team}:${ritual}:${period}:${member or '*'}`, unique. */
  readonly key: string;
  readonly teamId: string;
  readonly ritual: string;
  readonly periodKey: string;
  readonly memberId: string | null;
  readonly status: OccurrenceStatus;
  readonly dueAt: string;
  readonly reason?: string | null;
}

export interface Occurrence extends OccurrenceInput {
  readonly id: number;
  readonly reason: string | null;
  readonly sentAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface OccurrenceStatusChange {
  readonly id: number;
  readonly status: OccurrenceStatus;
  readonly reason?: string | null;
}

export interface OccurrencesRepo {
  /** Inserts unless the key exists; `created` is false (and the stored row returned) when it did. */
  insert(input: OccurrenceInput, opts: { readonly at: string }): Promise<{ readonly occurrence: Occurrence; readonly created: boolean }>;
  get(key: string): Promise<Occurrence | undefined>;
  /** Many inserts in one transaction, results in input order (a fire writes a whole team at once). */
  insertMany(inputs: readonly OccurrenceInput[], opts: { readonly at: string }): Promise<{ readonly occurrence: Occurrence; readonly created: boolean }[]>;
  setStatus(id: number, status: OccurrenceStatus, opts: { readonly at: string; readonly reason?: string | null }): Promise<void>;
  /** Many status changes in one transaction; a change without `reason` keeps the row's reason. */
  setStatusMany(changes: readonly OccurrenceStatusChange[], opts: { readonly at: string }): Promise<void>;
  /** Rows in these statuses due at or before `dueBy`, oldest first. */
  listDue(statuses: readonly OccurrenceStatus[], dueBy: string): Promise<Occurrence[]>;
  list(filter: { teamId?: string; ritual?: string; periodKey?: string; memberId?: string; statuses?: readonly OccurrenceStatus[] }): Promise<Occurrence[]>;
  /** The earliest `scheduled` row due strictly after `after`, if any. */
  nextScheduled(after: string): Promise<Occurrence | undefined>;
}

export type BreachRowState = 'open' | 'acknowledged' | 'snoozed' | 'escalated' | 'closed';

export interface Breach {
  readonly id: number;
  readonly objectiveId: string;
  readonly memberId: string | null;
  /** Member id, or '' for a team objective. */
  readonly subjectKey: string;
  readonly periodKey: string | null;
  readonly state: BreachRowState;
  readonly enteredAt: string;
  readonly leftAt: string | null;
  readonly snoozedUntil: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly nudgedAt: string | null;
  readonly escalatedAt: string | null;
  readonly lastValue: number | null;
}

export interface BreachesRepo {
  get(id: number): Promise<Breach | undefined>;
  /** The breach of this objective and subject that has not left yet. */
  findOpen(objectiveId: string, subjectKey: string): Promise<Breach | undefined>;
  /** Open breaches (not left) of objectives whose id starts with `objectivePrefix`. */
  listOpen(objectivePrefix?: string): Promise<Breach[]>;
  /** Opens a breach; returns the existing one when it is already open (concurrent scans). */
  open(input: { objectiveId: string; memberId: string | null; periodKey: string | null; at: string; value: number | null }): Promise<{ breach: Breach; created: boolean }>;
  /** Leaves the breach (hysteresis: a later breach is a new row). */
  close(id: number, at: string): Promise<void>;
  setValue(id: number, value: number | null): Promise<void>;
  markNudged(id: number, at: string): Promise<void>;
  acknowledge(id: number, by: string, at: string): Promise<Breach | undefined>;
  snooze(id: number, until: string, by: string, at: string): Promise<Breach | undefined>;
  markEscalated(id: number, at: string): Promise<void>;
}

export interface ReactionInput {
  readonly platform: Platform;
  /** The post reacted to (see `postRefKey`). */
  readonly postRef: string;
  readonly emoji: string;
  readonly userId: string;
  readonly memberId: string | null;
  readonly added: boolean;
  readonly at: string;
}

export interface ReactionsRepo {
  /** Adds (or restores) or removes one user's emoji on a post; true when something changed. */
  set(input: ReactionInput): Promise<boolean>;
  /** Emoji counts on a post (removed reactions left out), most used first. */
  tally(platform: Platform, postRef: string): Promise<{ emoji: string; count: number }[]>;
}

/** The reactions key of a sent message. */
export function postRefKey(ref: MessageRef): string {
  return `${ref.conversation}|${ref.id}`;
}

export interface EngineStateRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, at: string): Promise<void>;
  /** Stores the key if absent: true the first time, false on every replay. */
  claim(key: string, at: string): Promise<boolean>;
}

/** The repositories of the ritual engine, next to `Repositories`. */
export interface RitualRepositories {
  readonly occurrences: OccurrencesRepo;
  readonly breaches: BreachesRepo;
  readonly reactions: ReactionsRepo;
  readonly engineState: EngineStateRepo;
}

/** Cron arithmetic (node-cron's matcher lives outside the core): the first fire strictly after `after`. */
export interface CronPort {
  nextFire(expr: string, zone: string, after: Date): Date | null;
}

// ---- charts ------------------------------------------------------------------------------------------

/**
 * The charts that illustrate a monthly review or a QBR (src/charts draws them): each as the id an adapter
 * turns back into a PNG, with its title and alt text in `locale`. `asOf` is fixed in the ids, so a message
 * rendered again later shows the same figures.
 */
export interface ChartCatalog {
  reviewCharts(teamId: string, periodKey: string, asOf: string, locale: Locale): Promise<ChartRef[]>;
}
