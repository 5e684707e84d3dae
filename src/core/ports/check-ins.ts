// Core port: Check-ins: one row per member and period, with the free text and how it was answered.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

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
