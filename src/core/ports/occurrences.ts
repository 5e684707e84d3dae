// Core port: Ritual occurrences: one row per due thing (a fire, a reminder, a deadline), unique by key.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

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
  insert(
    input: OccurrenceInput,
    opts: { readonly at: string },
  ): Promise<{ readonly occurrence: Occurrence; readonly created: boolean }>;
  get(key: string): Promise<Occurrence | undefined>;
  /** Many inserts in one transaction, results in input order (a fire writes a whole team at once). */
  insertMany(
    inputs: readonly OccurrenceInput[],
    opts: { readonly at: string },
  ): Promise<{ readonly occurrence: Occurrence; readonly created: boolean }[]>;
  setStatus(
    id: number,
    status: OccurrenceStatus,
    opts: { readonly at: string; readonly reason?: string | null },
  ): Promise<void>;
  /** Many status changes in one transaction; a change without `reason` keeps the row's reason. */
  setStatusMany(changes: readonly OccurrenceStatusChange[], opts: { readonly at: string }): Promise<void>;
  /** Rows in these statuses due at or before `dueBy`, oldest first. */
  listDue(statuses: readonly OccurrenceStatus[], dueBy: string): Promise<Occurrence[]>;
  list(filter: {
    teamId?: string;
    ritual?: string;
    periodKey?: string;
    memberId?: string;
    statuses?: readonly OccurrenceStatus[];
  }): Promise<Occurrence[]>;
  /** The earliest `scheduled` row due strictly after `after`, if any. */
  nextScheduled(after: string): Promise<Occurrence | undefined>;
}
