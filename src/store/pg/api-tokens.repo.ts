// Ingest API tokens on PostgreSQL (see ../api-tokens.repo.ts for the SQLite one and the behaviour both
// keep): only the SHA-256 hash is stored, creations and revocations go to the audit log in the same
// transaction. Two replicas creating one name at once: INSERT ... ON CONFLICT (name) DO NOTHING lets one
// in and the other is told the name is taken. Revoking is a conditional UPDATE of the active token, so
// of two revocations at once one is true and audited, the other false.
import { timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { checkTokenName, hashToken, looksLikeToken, newToken, tokenNameTaken } from '../api-token-format.js';
import type { ApiToken, ApiTokensRepo } from '../api-tokens.repo.js';
import type { PgStoreDb, PgStoreTx } from './db.js';
import { apiTokens, auditLog } from './schema.js';

type Row = typeof apiTokens.$inferSelect;
const toToken = ({ tokenHash: _h, ...rest }: Row): ApiToken => rest;

const audit = (tx: PgStoreTx, action: string, name: string, by: string, at: string) =>
  tx.insert(auditLog).values({ at, actor: by, action, entity: 'api_token', entityId: name, before: null, after: null });

export function createPgApiTokensRepo(db: PgStoreDb): ApiTokensRepo {
  return {
    async create(name, { by, at }) {
      checkTokenName(name);
      const token = newToken();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiTokens)
          .values({ name, tokenHash: hashToken(token), createdAt: at, createdBy: by })
          .onConflictDoNothing({ target: apiTokens.name })
          .returning();
        if (!row) throw tokenNameTaken(name);
        await audit(tx, 'api_token.create', name, by, at);
        return { token, record: toToken(row) };
      });
    },

    async revoke(name, { by, at }) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(apiTokens)
          .set({ revokedAt: at })
          .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        if (rows.length === 0) return false;
        await audit(tx, 'api_token.revoke', name, by, at);
        return true;
      });
    },

    async list() {
      const rows = await db.select().from(apiTokens).orderBy(sql`${apiTokens.name} collate "C"`);
      return rows.map(toToken);
    },

    async verify(token, { at }) {
      if (!looksLikeToken(token)) return undefined;
      const hash = hashToken(token);
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash));
      // The lookup is by hash already; the constant-time compare keeps the check itself free of timing leaks.
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
      if (row.revokedAt !== null) return undefined;
      // Still active when its use is recorded: a revocation that lands in between wins.
      const [used] = await db
        .update(apiTokens)
        .set({ lastUsedAt: at })
        .where(and(eq(apiTokens.id, row.id), isNull(apiTokens.revokedAt)))
        .returning();
      return used ? toToken(used) : undefined;
    },
  };
}
