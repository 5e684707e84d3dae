// Emoji reactions on PostgreSQL (see ../reactions.repo.ts for the SQLite one and the behaviour both keep):
// one row per post, emoji and user. Each change is one statement, so the same event handled by two
// replicas at once changes the row once: adding is INSERT ... ON CONFLICT DO UPDATE that restores a
// removed reaction only (true when a row was written), removing is an UPDATE of an active reaction only.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ReactionsRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { reactions } from './schema.js';

export function createPgReactionsRepo(db: PgStoreDb): ReactionsRepo {
  return {
    async set({ platform, postRef, emoji, userId, memberId, added, at }) {
      if (added) {
        const rows = await db
          .insert(reactions)
          .values({ platform, postRef, emoji, userId, memberId, createdAt: at })
          .onConflictDoUpdate({
            target: [reactions.platform, reactions.postRef, reactions.emoji, reactions.userId],
            set: { removedAt: null, createdAt: sql`excluded.created_at` },
            setWhere: isNotNull(reactions.removedAt),
          })
          .returning({ id: reactions.id });
        return rows.length > 0;
      }
      const rows = await db
        .update(reactions)
        .set({ removedAt: at })
        .where(
          and(
            eq(reactions.platform, platform),
            eq(reactions.postRef, postRef),
            eq(reactions.emoji, emoji),
            eq(reactions.userId, userId),
            isNull(reactions.removedAt),
          ),
        )
        .returning({ id: reactions.id });
      return rows.length > 0;
    },

    async tally(platform, postRef) {
      return db
        .select({ emoji: reactions.emoji, count: sql<number>`count(*)::int` })
        .from(reactions)
        .where(and(eq(reactions.platform, platform), eq(reactions.postRef, postRef), isNull(reactions.removedAt)))
        .groupBy(reactions.emoji)
        .orderBy(sql`count(*) desc`, sql`${reactions.emoji} collate "C"`);
    },
  };
}
