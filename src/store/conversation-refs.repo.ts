// Rows of the `conversation_refs` table: per platform and key, the JSON a chat adapter needs to write
// first (for Teams, a botbuilder conversation reference with its kind and liveness), linked to a member
// and a team. The store keeps the JSON as given; what it means is the adapter's business
// (src/teams/conversation-refs.ts).
import { and, eq, sql } from 'drizzle-orm';
import type { Store } from './connection.js';
import { handlesOf } from './handles.js';
import { createPgConversationRefsRepo } from './pg/conversation-refs.repo.js';
import { conversationRefs } from './schema.js';

export interface ConversationRefRow {
  readonly key: string;
  readonly memberId: string | null;
  readonly teamId: string | null;
  /** The adapter's JSON, as saved. */
  readonly ref: unknown;
  readonly updatedAt: string;
}

export interface ConversationRefsRepo {
  get(platform: string, key: string): Promise<ConversationRefRow | undefined>;
  /** Inserts or replaces; `memberId` / `teamId` left undefined keep what the row had. */
  save(
    platform: string,
    key: string,
    ref: unknown,
    opts: { memberId?: string | null; teamId?: string | null; at: string },
  ): Promise<void>;
  byMember(platform: string, memberId: string): Promise<ConversationRefRow[]>;
  byTeam(platform: string, teamId: string): Promise<ConversationRefRow[]>;
  /** The first row whose JSON holds `ref.conversation.id` = `conversationId`. */
  byConversationId(platform: string, conversationId: string): Promise<ConversationRefRow | undefined>;
  list(platform: string): Promise<ConversationRefRow[]>;
}

type Row = typeof conversationRefs.$inferSelect;

const toRow = (r: Row): ConversationRefRow => ({
  key: r.key,
  memberId: r.memberId,
  teamId: r.teamId,
  ref: r.ref,
  updatedAt: r.updatedAt,
});

export function createConversationRefsRepo(store: Store): ConversationRefsRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgConversationRefsRepo(h.db);
  const { db } = h;
  const rows = (where: ReturnType<typeof and>) => db.select().from(conversationRefs).where(where).all().map(toRow);
  return {
    async get(platform, key) {
      const r = db
        .select()
        .from(conversationRefs)
        .where(and(eq(conversationRefs.platform, platform), eq(conversationRefs.key, key)))
        .get();
      return r ? toRow(r) : undefined;
    },

    async save(platform, key, ref, { memberId, teamId, at }) {
      const set: Partial<typeof conversationRefs.$inferInsert> = { ref, updatedAt: at };
      if (memberId !== undefined) set.memberId = memberId;
      if (teamId !== undefined) set.teamId = teamId;
      db.insert(conversationRefs)
        .values({ platform, key, memberId: memberId ?? null, teamId: teamId ?? null, ref, updatedAt: at })
        .onConflictDoUpdate({ target: [conversationRefs.platform, conversationRefs.key], set })
        .run();
    },

    async byMember(platform, memberId) {
      return rows(and(eq(conversationRefs.platform, platform), eq(conversationRefs.memberId, memberId)));
    },

    async byTeam(platform, teamId) {
      return rows(and(eq(conversationRefs.platform, platform), eq(conversationRefs.teamId, teamId)));
    },

    async byConversationId(platform, conversationId) {
      const r = db
        .select()
        .from(conversationRefs)
        .where(
          and(
            eq(conversationRefs.platform, platform),
            sql`json_extract(${conversationRefs.ref}, '$.ref.conversation.id') = ${conversationId}`,
          ),
        )
        .get();
      return r ? toRow(r) : undefined;
    },

    async list(platform) {
      return rows(eq(conversationRefs.platform, platform));
    },
  };
}
