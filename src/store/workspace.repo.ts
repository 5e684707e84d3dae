// Teams and members as synced from the workspace config, and lookups by platform identity.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { IdentityKind, StoredMember, StoredTeam, WorkspaceRepo } from '../core/ports/index.js';
import type { StoreDb } from './db.js';
import { members, teamMembers, teams } from './schema.js';
import { applyWorkspaceSync } from './sync-workspace.js';

const IDENTITY_COLUMNS = {
  slack: members.slackUserId,
  teams: members.teamsAadId,
  email: members.email,
  upn: members.upn,
} as const;

type MemberRow = typeof members.$inferSelect;

export function createWorkspaceRepo(db: StoreDb): WorkspaceRepo {
  // Every team report reads it: prepared once.
  const formerOfTeam = db
    .select({ id: teamMembers.memberId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, sql.placeholder('teamId')), eq(teamMembers.active, false)))
    .orderBy(asc(teamMembers.memberId))
    .prepare();
  const withTeams = (rows: MemberRow[]): StoredMember[] => {
    if (rows.length === 0) return [];
    const links = db
      .select({ teamId: teamMembers.teamId, memberId: teamMembers.memberId })
      .from(teamMembers)
      .where(
        and(
          eq(teamMembers.active, true),
          inArray(
            teamMembers.memberId,
            rows.map((r) => r.id),
          ),
        ),
      )
      .orderBy(asc(teamMembers.teamId))
      .all();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      roleId: r.roleId,
      startDate: r.startDate,
      slackUserId: r.slackUserId,
      teamsAadId: r.teamsAadId,
      email: r.email,
      upn: r.upn,
      active: r.active,
      teamIds: links.filter((l) => l.memberId === r.id).map((l) => l.teamId),
    }));
  };

  return {
    async sync(workspace, opts) {
      return applyWorkspaceSync(db, workspace, opts);
    },

    async listTeams(opts = {}): Promise<StoredTeam[]> {
      return db
        .select({
          id: teams.id,
          name: teams.name,
          timezone: teams.timezone,
          locale: teams.locale,
          active: teams.active,
        })
        .from(teams)
        .where(opts.includeInactive ? undefined : eq(teams.active, true))
        .orderBy(asc(teams.id))
        .all();
    },

    async listMembers(opts = {}) {
      const where: SQL[] = [];
      if (!opts.includeInactive) where.push(eq(members.active, true));
      if (opts.teamId !== undefined) {
        const inTeam = db
          .select({ id: teamMembers.memberId })
          .from(teamMembers)
          .where(
            and(eq(teamMembers.teamId, opts.teamId), opts.includeInactive ? undefined : eq(teamMembers.active, true)),
          );
        where.push(inArray(members.id, inTeam));
      }
      const rows = db
        .select()
        .from(members)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(members.id))
        .all();
      return withTeams(rows);
    },

    async findMemberByIdentity(kind: IdentityKind, value: string) {
      const column = IDENTITY_COLUMNS[kind];
      // Emails and UPNs are case-insensitive; an active member wins over a former one with the same id.
      const match = kind === 'email' || kind === 'upn' ? sql`lower(${column}) = lower(${value})` : eq(column, value);
      const row = db
        .select()
        .from(members)
        .where(match)
        .orderBy(sql`${members.active} desc`, asc(members.id))
        .limit(1)
        .get();
      return row ? withTeams([row])[0] : undefined;
    },

    async formerMemberIds(teamId) {
      return formerOfTeam.all({ teamId }).map((r) => r.id);
    },

    async setIdentity(memberId, kind, value) {
      const key = ({ slack: 'slackUserId', teams: 'teamsAadId', email: 'email', upn: 'upn' } as const)[kind];
      db.update(members)
        .set({ [key]: value })
        .where(eq(members.id, memberId))
        .run();
    },
  };
}
