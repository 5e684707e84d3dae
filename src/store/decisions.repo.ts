// The decision log: decisions, hypotheses, tests and results recorded against a team or an objective.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Decision, DecisionsRepo } from '../core/ports/index.js';
import { insertAudit } from './audit.repo.js';
import { type StoreDb, WRITE_TX } from './db.js';
import { decisions } from './schema.js';

type Row = typeof decisions.$inferSelect;

const toDecision = ({ updatedAt: _u, ...r }: Row): Decision => r;

export function createDecisionsRepo(db: StoreDb): DecisionsRepo {
  return {
    async record(input) {
      // The entry and its audit row (who recorded what kind, where; the text stays in the log itself).
      return db.transaction((tx) => {
        const row = tx
          .insert(decisions)
          .values({
            teamId: input.teamId,
            objectiveId: input.objectiveId,
            author: input.author,
            createdAt: input.createdAt,
            kind: input.kind,
            text: input.text,
            status: input.status ?? 'open',
            updatedAt: input.createdAt,
          })
          .returning()
          .get();
        insertAudit(tx, {
          at: input.createdAt,
          actor: input.author,
          action: 'decision.record',
          entity: 'decision',
          entityId: String(row.id),
          after: { team: row.teamId, objective: row.objectiveId, kind: row.kind, status: row.status },
        });
        return toDecision(row);
      }, WRITE_TX);
    },

    async setStatus(id, status, { by, at }) {
      return db.transaction((tx) => {
        const before = tx.select().from(decisions).where(eq(decisions.id, id)).get();
        if (!before) return false;
        if (before.status === status) return true;
        tx.update(decisions).set({ status, updatedAt: at }).where(eq(decisions.id, id)).run();
        insertAudit(tx, {
          at,
          actor: by,
          action: 'decision.status',
          entity: 'decision',
          entityId: String(id),
          before: { status: before.status },
          after: { status },
        });
        return true;
      }, WRITE_TX);
    },

    async list({ teamId, objectiveId, from, to }) {
      const where: SQL[] = [];
      if (teamId !== undefined) where.push(eq(decisions.teamId, teamId));
      if (objectiveId !== undefined) where.push(eq(decisions.objectiveId, objectiveId));
      if (from) where.push(sql`substr(${decisions.createdAt}, 1, 10) >= ${from}`);
      if (to) where.push(sql`substr(${decisions.createdAt}, 1, 10) <= ${to}`);
      return db
        .select()
        .from(decisions)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(decisions.createdAt), asc(decisions.id))
        .all()
        .map(toDecision);
    },
  };
}
