// PostgreSQL implementation of the WorkspaceRepo port (see ../workspace.repo.ts for the SQLite one and the
// behaviour both keep): teams and members as synced from the workspace config (./sync-workspace.ts), and
// lookups by platform identity.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { IdentityKind, StoredMember, StoredTeam, WorkspaceRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { members, teamMembers, teams } from './schema.js';
import { applyPgWorkspaceSync } from './sync-workspace.js';

const IDENTITY_COLUMNS = {
  slack: members.slackUserId,
  teams: members.teamsAadId,
  email: members.email,
  upn: members.upn,
} as const;

type MemberRow = typeof members.$inferSelect;

// Ids are text: ordered byte-wise as on SQLite, whatever the database's default collation.
const bytewise = (column: typeof members.id) => sql`${column} collate "C"`;

export function createPgWorkspaceRepo(db: PgStoreDb): WorkspaceRepo {
  const withTeams = async (rows: MemberRow[]): Promise<StoredMember[]> => {
    if (rows.length === 0) return [];
    const links = await db
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
      .orderBy(sql`${teamMembers.teamId} collate "C"`);
    const teamsOf = new Map<string, string[]>();
    for (const l of links) teamsOf.set(l.memberId, [...(teamsOf.get(l.memberId) ?? []), l.teamId]);
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
      teamIds: teamsOf.get(r.id) ?? [],
    }));
  };

  return {
    async sync(workspace, opts) {
      return applyPgWorkspaceSync(db, workspace, opts);
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
        .orderBy(sql`${teams.id} collate "C"`);
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
      const rows = await db
        .select()
        .from(members)
        .where(where.length ? and(...where) : undefined)
        .orderBy(bytewise(members.id));
      return withTeams(rows);
    },

    async findMemberByIdentity(kind: IdentityKind, value: string) {
      const column = IDENTITY_COLUMNS[kind];
      // Emails and UPNs are case-insensitive; an active member wins over a former one with the same id.
      const match = kind === 'email' || kind === 'upn' ? sql`lower(${column}) = lower(${value})` : eq(column, value);
      const [row] = await db
        .select()
        .from(members)
        .where(match)
        .orderBy(sql`${members.active} desc`, bytewise(members.id))
        .limit(1);
      return row ? (await withTeams([row]))[0] : undefined;
    },

    async formerMemberIds(teamId) {
      const rows = await db
        .select({ id: teamMembers.memberId })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.active, false)))
        .orderBy(sql`${teamMembers.memberId} collate "C"`);
      return rows.map((r) => r.id);
    },

    async setIdentity(memberId, kind, value) {
      const key = ({ slack: 'slackUserId', teams: 'teamsAadId', email: 'email', upn: 'upn' } as const)[kind];
      await db
        .update(members)
        .set({ [key]: value })
        .where(eq(members.id, memberId));
    },
  };
}
