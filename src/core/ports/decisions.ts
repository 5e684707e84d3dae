// Core port: The decision log of reviews and QBRs.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

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
