// PostgreSQL implementation of the DecisionsRepo port (see ../decisions.repo.ts for the SQLite one and the
// behaviour both keep). A status change reads the entry `FOR UPDATE`: two replicas changing the same
// decision at once write one after the other, and each audit row's `before` is the status it replaced.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Decision, DecisionsRepo } from '../../core/ports/index.js';
import { insertPgAudit } from './audit.repo.js';
import type { PgStoreDb } from './db.js';
import { decisions } from './schema.js';

type Row = typeof decisions.$inferSelect;

const toDecision = ({ updatedAt: _u, ...r }: Row): Decision => r;

export function createPgDecisionsRepo(db: PgStoreDb): DecisionsRepo {
  return {
    async record(input) {
      // The entry and its audit row (who recorded what kind, where; the text stays in the log itself).
      return db.transaction(async (tx) => {
        const [row] = await tx
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
          .returning();
        await insertPgAudit(tx, {
          at: input.createdAt,
          actor: input.author,
          action: 'decision.record',
          entity: 'decision',
          entityId: String(row!.id),
          after: { team: row!.teamId, objective: row!.objectiveId, kind: row!.kind, status: row!.status },
        });
        return toDecision(row!);
      });
    },

    async setStatus(id, status, { by, at }) {
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(decisions).where(eq(decisions.id, id)).for('update');
        if (!before) return false;
        if (before.status === status) return true;
        await tx.update(decisions).set({ status, updatedAt: at }).where(eq(decisions.id, id));
        await insertPgAudit(tx, {
          at,
          actor: by,
          action: 'decision.status',
          entity: 'decision',
          entityId: String(id),
          before: { status: before.status },
          after: { status },
        });
        return true;
      });
    },

    async list({ teamId, objectiveId, from, to }) {
      const where: SQL[] = [];
      if (teamId !== undefined) where.push(eq(decisions.teamId, teamId));
      if (objectiveId !== undefined) where.push(eq(decisions.objectiveId, objectiveId));
      if (from) where.push(sql`substr(${decisions.createdAt}, 1, 10) collate "C" >= ${from}`);
      if (to) where.push(sql`substr(${decisions.createdAt}, 1, 10) collate "C" <= ${to}`);
      const rows = await db
        .select()
        .from(decisions)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(sql`${decisions.createdAt} collate "C"`), asc(decisions.id));
      return rows.map(toDecision);
    },
  };
}
