// PostgreSQL implementation of the AuditRepo port (see ../audit.repo.ts for the SQLite one and the behaviour
// both keep): who changed what and when, with the before and after states as JSON. The insert helpers are
// also used inside other repositories' transactions (the workspace sync, target changes).
import { and, desc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry, AuditEntryInput, AuditRepo } from '../../core/ports/index.js';
import { chunks, type PgStoreDb, type PgStoreTx } from './db.js';
import { auditLog } from './schema.js';

type Row = typeof auditLog.$inferSelect;

const toEntry = (r: Row): AuditEntry => ({ ...r });

const toValues = (e: AuditEntryInput) => ({
  at: e.at,
  actor: e.actor,
  action: e.action,
  entity: e.entity,
  entityId: e.entityId ?? null,
  before: e.before ?? null,
  after: e.after ?? null,
});

/** Writes one audit row. */
export async function insertPgAudit(db: PgStoreDb | PgStoreTx, e: AuditEntryInput): Promise<Row> {
  const [row] = await db.insert(auditLog).values(toValues(e)).returning();
  if (!row) throw new Error('audit row not written');
  return row;
}

/** Writes several audit rows, in order (ids follow the order given), a few statements in all. */
export async function insertPgAuditRows(db: PgStoreDb | PgStoreTx, entries: readonly AuditEntryInput[]): Promise<void> {
  for (const batch of chunks(entries)) await db.insert(auditLog).values(batch.map(toValues));
}

export function createPgAuditRepo(db: PgStoreDb): AuditRepo {
  return {
    async record(entry) {
      return toEntry(await insertPgAudit(db, entry));
    },

    async list({ entity, entityId, actor, since, from, to, limit }) {
      const where: SQL[] = [];
      if (entity !== undefined) where.push(eq(auditLog.entity, entity));
      if (entityId !== undefined) where.push(eq(auditLog.entityId, entityId));
      if (actor !== undefined) where.push(eq(auditLog.actor, actor));
      if (since !== undefined) where.push(gte(auditLog.at, since));
      // Instants are ISO text: their first ten characters are the UTC day, compared as text as on SQLite.
      if (from) where.push(sql`substr(${auditLog.at}, 1, 10) >= ${from}`);
      if (to) where.push(sql`substr(${auditLog.at}, 1, 10) <= ${to}`);
      const rows = await db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit ?? 1000);
      return rows.map(toEntry);
    },
  };
}
