// Core port: Objectives as synced from the config, and the target changes managers make in chat (with history).
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { TargetChange, TargetSpec } from '../domain/model.js';

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
  list(filter: {
    teamId?: string;
    memberId?: string;
    roleId?: string;
    scope?: ObjectiveScope;
    includeInactive?: boolean;
  }): Promise<StoredObjective[]>;
  /** A manager's change: updates the objective, writes target history and the audit log; undefined if unknown. */
  changeTarget(change: TargetChangeInput): Promise<StoredObjective | undefined>;
  targetHistory(objectiveId: string): Promise<TargetHistoryEntry[]>;
  /**
   * Changes whenever a target (config sync or chat) or an objective row changes: lets the core keep its
   * effective workspace until then. Optional: without it, the core reads the objectives on every use.
   */
  version?(): Promise<string>;
}
