// Core port: Teams and members as synced from the config, and the platform identities learnt at run time.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { Workspace } from '../domain/model.js';

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
