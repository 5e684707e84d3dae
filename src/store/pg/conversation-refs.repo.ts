// Rows of `conversation_refs` on PostgreSQL (see ../conversation-refs.repo.ts for the SQLite one and the
// behaviour both keep): per platform and key, the JSON a chat adapter needs to write first. Saving is one
// upsert statement. Lists come in key order, as SQLite reads them along its primary key.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { ConversationRefRow, ConversationRefsRepo } from '../conversation-refs.repo.js';
import type { PgStoreDb } from './db.js';
import { conversationRefs } from './schema.js';

type Row = typeof conversationRefs.$inferSelect;

const toRow = (r: Row): ConversationRefRow => ({
  key: r.key,
  memberId: r.memberId,
  teamId: r.teamId,
  ref: r.ref,
  updatedAt: r.updatedAt,
});

const keyOrder = sql`${conversationRefs.key} collate "C"`;

export function createPgConversationRefsRepo(db: PgStoreDb): ConversationRefsRepo {
  const rows = async (where: SQL | undefined) =>
    (await db.select().from(conversationRefs).where(where).orderBy(keyOrder)).map(toRow);
  return {
    async get(platform, key) {
      const [r] = await db
        .select()
        .from(conversationRefs)
        .where(and(eq(conversationRefs.platform, platform), eq(conversationRefs.key, key)));
      return r ? toRow(r) : undefined;
    },

    async save(platform, key, ref, { memberId, teamId, at }) {
      const set: Partial<typeof conversationRefs.$inferInsert> = { ref, updatedAt: at };
      if (memberId !== undefined) set.memberId = memberId;
      if (teamId !== undefined) set.teamId = teamId;
      await db
        .insert(conversationRefs)
        .values({ platform, key, memberId: memberId ?? null, teamId: teamId ?? null, ref, updatedAt: at })
        .onConflictDoUpdate({ target: [conversationRefs.platform, conversationRefs.key], set });
    },

    async byMember(platform, memberId) {
      return rows(and(eq(conversationRefs.platform, platform), eq(conversationRefs.memberId, memberId)));
    },

    async byTeam(platform, teamId) {
      return rows(and(eq(conversationRefs.platform, platform), eq(conversationRefs.teamId, teamId)));
    },

    async byConversationId(platform, conversationId) {
      const [r] = await db
        .select()
        .from(conversationRefs)
        .where(
          and(
            eq(conversationRefs.platform, platform),
            sql`${conversationRefs.ref} #>> '{ref,conversation,id}' = ${conversationId}`,
          ),
        )
        .orderBy(keyOrder)
        .limit(1);
      return r ? toRow(r) : undefined;
    },

    async list(platform) {
      return rows(eq(conversationRefs.platform, platform));
    },
  };
}
