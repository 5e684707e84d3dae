// Core port: Personal data: retention, access and erasure.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { RetentionCutoffs } from '../domain/retention.js';
import type { StoredMember } from './workspace.js';

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
  erase(
    memberId: string,
    opts: { readonly actor: string; readonly at: string; readonly keepAggregates: boolean },
  ): Promise<EraseReport>;
}
