// The audit log: who changed what and when, with the before and after states as JSON.
import { and, desc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry, AuditEntryInput, AuditRepo } from '../core/ports/index.js';
import type { StoreDb, StoreTx } from './db.js';
import { auditLog } from './schema.js';

type Row = typeof auditLog.$inferSelect;

const toEntry = (r: Row): AuditEntry => ({ ...r });

/** Writes one audit row; used inside other repositories' transactions too. */
export function insertAudit(db: StoreDb | StoreTx, e: AuditEntryInput): Row {
  return db
    .insert(auditLog)
    .values({
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
    })
    .returning()
    .get();
}

export function createAuditRepo(db: StoreDb): AuditRepo {
  return {
    async record(entry) {
      return toEntry(insertAudit(db, entry));
    },

    async list({ entity, entityId, actor, since, from, to, limit }) {
      const where: SQL[] = [];
      if (entity !== undefined) where.push(eq(auditLog.entity, entity));
      if (entityId !== undefined) where.push(eq(auditLog.entityId, entityId));
      if (actor !== undefined) where.push(eq(auditLog.actor, actor));
      if (since !== undefined) where.push(gte(auditLog.at, since));
      if (from) where.push(sql`substr(${auditLog.at}, 1, 10) >= ${from}`);
      if (to) where.push(sql`substr(${auditLog.at}, 1, 10) <= ${to}`);
      return db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit ?? 1000)
        .all()
        .map(toEntry);
    },
  };
}
