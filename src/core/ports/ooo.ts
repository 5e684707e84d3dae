// Core port: Out-of-office periods a member declared.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

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
  add(input: {
    memberId: string;
    from: string;
    to: string;
    reason?: string;
    by: string;
    at: string;
  }): Promise<OooPeriod>;
  /** Kept for history: a cancelled period no longer counts. */
  cancel(id: number, opts: { by: string; at: string }): Promise<boolean>;
  /** Periods (not cancelled) of these members overlapping [from, to]. */
  listOverlapping(memberIds: readonly string[], from: string, to: string): Promise<OooPeriod[]>;
}
