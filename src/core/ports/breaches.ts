// Core port: Alert-threshold breaches and their state.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

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
  open(input: {
    objectiveId: string;
    memberId: string | null;
    periodKey: string | null;
    at: string;
    value: number | null;
  }): Promise<{ breach: Breach; created: boolean }>;
  /** Leaves the breach (hysteresis: a later breach is a new row). */
  close(id: number, at: string): Promise<void>;
  setValue(id: number, value: number | null): Promise<void>;
  markNudged(id: number, at: string): Promise<void>;
  acknowledge(id: number, by: string, at: string): Promise<Breach | undefined>;
  snooze(id: number, until: string, by: string, at: string): Promise<Breach | undefined>;
  markEscalated(id: number, at: string): Promise<void>;
}
