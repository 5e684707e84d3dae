// Emoji reactions on channel posts (leaderboards): one row per post, emoji and user; removing a reaction
// marks it removed, adding it again restores it, so replayed events change nothing.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ReactionsRepo } from '../core/ports/index.js';
import { type StoreDb, WRITE_TX } from './db.js';
import { reactions } from './schema.js';

export function createReactionsRepo(db: StoreDb): ReactionsRepo {
  return {
    async set({ platform, postRef, emoji, userId, memberId, added, at }) {
      return db.transaction((tx) => {
        const key = and(
          eq(reactions.platform, platform),
          eq(reactions.postRef, postRef),
          eq(reactions.emoji, emoji),
          eq(reactions.userId, userId),
        );
        const existing = tx.select().from(reactions).where(key).get();
        if (added) {
          if (!existing) {
            tx.insert(reactions).values({ platform, postRef, emoji, userId, memberId, createdAt: at }).run();
            return true;
          }
          if (existing.removedAt === null) return false;
          tx.update(reactions).set({ removedAt: null, createdAt: at }).where(eq(reactions.id, existing.id)).run();
          return true;
        }
        if (!existing || existing.removedAt !== null) return false;
        tx.update(reactions).set({ removedAt: at }).where(eq(reactions.id, existing.id)).run();
        return true;
      }, WRITE_TX);
    },

    async tally(platform, postRef) {
      return db
        .select({ emoji: reactions.emoji, count: sql<number>`count(*)` })
        .from(reactions)
        .where(and(eq(reactions.platform, platform), eq(reactions.postRef, postRef), isNull(reactions.removedAt)))
        .groupBy(reactions.emoji)
        .orderBy(sql`count(*) desc`, reactions.emoji)
        .all();
    },
  };
}
