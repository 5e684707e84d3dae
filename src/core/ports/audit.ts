// Core port: The audit log: who changed what, when.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

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
  list(filter: {
    entity?: string;
    entityId?: string;
    actor?: string;
    since?: string;
    from?: string;
    to?: string;
    limit?: number;
  }): Promise<AuditEntry[]>;
}
