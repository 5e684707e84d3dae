// Teams conversation references in the `conversation_refs` table, so the bot can write first (check-in
// prompts, channel posts) long after the activity that introduced it. One row per reachable thing:
// a user (key: AAD object id) or a channel / group chat (key: its conversation id). A reference that
// Teams refused for good (uninstalled, blocked) is kept and marked dead inside its JSON, not deleted.
// The rows are read and written through the store's conversation-references repository.
import type { ConversationReference } from 'botbuilder';
import type { ConversationRefRow, ConversationRefsRepo } from '../store/conversation-refs.repo.js';

const PLATFORM = 'teams';

export type RefKind =
  /** A 1:1 chat with the user (personal install or a conversation the bot created). */
  | 'personal'
  /** A team channel. */
  | 'channel'
  | 'groupChat'
  /** A user seen in a team's roster, with no 1:1 chat yet: enough to create one. */
  | 'roster';

export interface TeamsRefEntry {
  readonly kind: RefKind;
  /** For `roster` entries only the service URL, tenant and user are meaningful. */
  readonly ref: Partial<ConversationReference>;
  /** Teams user id ("29:...") of a personal or roster entry. */
  readonly userId?: string;
  readonly aadObjectId?: string;
  readonly email?: string;
  readonly upn?: string;
  /** The team (its general channel id) a channel entry belongs to. */
  readonly teamsTeamId?: string;
  readonly tenantId?: string;
  readonly dead?: boolean;
  readonly deadReason?: string;
  readonly deadAt?: string;
}

export interface TeamsRefRecord {
  readonly key: string;
  readonly memberId: string | null;
  readonly teamId: string | null;
  readonly entry: TeamsRefEntry;
  readonly updatedAt: string;
}

export interface ConversationRefs {
  get(key: string): Promise<TeamsRefRecord | undefined>;
  /** Inserts or replaces; `memberId` / `teamId` left undefined keep what the row had. */
  save(
    key: string,
    entry: TeamsRefEntry,
    opts: { memberId?: string | null; teamId?: string | null; at: string },
  ): Promise<void>;
  /** The live personal (or roster) entry of a member. */
  forMember(memberId: string): Promise<TeamsRefRecord | undefined>;
  /** Live channel / group chat entries linked to a workspace team. */
  forTeam(teamId: string): Promise<TeamsRefRecord[]>;
  /** The entry whose conversation is `conversationId` (a channel thread's ";messageid=" part ignored). */
  byConversation(conversationId: string): Promise<TeamsRefRecord | undefined>;
  markDead(key: string, reason: string, at: string): Promise<boolean>;
  list(): Promise<TeamsRefRecord[]>;
}

const toRecord = (r: ConversationRefRow): TeamsRefRecord => ({
  key: r.key,
  memberId: r.memberId,
  teamId: r.teamId,
  entry: r.ref as TeamsRefEntry,
  updatedAt: r.updatedAt,
});

/** "19:abc@thread.tacv2;messageid=123" -> "19:abc@thread.tacv2". */
export function baseConversationId(id: string): string {
  return id.split(';')[0]!;
}

export function createConversationRefs(repo: ConversationRefsRepo): ConversationRefs {
  return {
    async get(key) {
      const r = await repo.get(PLATFORM, key);
      return r ? toRecord(r) : undefined;
    },

    async save(key, entry, opts) {
      await repo.save(PLATFORM, key, entry, opts);
    },

    async forMember(memberId) {
      const found = (await repo.byMember(PLATFORM, memberId))
        .map(toRecord)
        .filter((r) => !r.entry.dead && (r.entry.kind === 'personal' || r.entry.kind === 'roster'));
      // A real 1:1 chat beats a roster entry (which still needs a conversation created).
      return found.find((r) => r.entry.kind === 'personal') ?? found[0];
    },

    async forTeam(teamId) {
      return (await repo.byTeam(PLATFORM, teamId))
        .map(toRecord)
        .filter((r) => !r.entry.dead && (r.entry.kind === 'channel' || r.entry.kind === 'groupChat'));
    },

    async byConversation(conversationId) {
      const base = baseConversationId(conversationId);
      const direct = await this.get(base);
      if (direct && direct.entry.kind !== 'personal' && direct.entry.kind !== 'roster') return direct;
      const r = await repo.byConversationId(PLATFORM, base);
      return r ? toRecord(r) : direct;
    },

    async markDead(key, reason, at) {
      const current = await this.get(key);
      if (!current || current.entry.dead) return false;
      await this.save(key, { ...current.entry, dead: true, deadReason: reason, deadAt: at }, { at });
      return true;
    },

    async list() {
      return (await repo.list(PLATFORM)).map(toRecord);
    },
  };
}
