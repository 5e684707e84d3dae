// Bearer tokens of the ingest API. A token is shown once when created; only its SHA-256 hash is stored,
// so a copy of the database gives no usable token. Verification looks the hash up, compares it in
// constant time, refuses revoked tokens and records when the token was last used. Creations and
// revocations go to the audit log (by name, never the token).
import { timingSafeEqual } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { checkTokenName, hashToken, looksLikeToken, newToken, tokenNameTaken } from './api-token-format.js';
import { insertAudit } from './audit.repo.js';
import type { Store } from './connection.js';
import { WRITE_TX } from './db.js';
import { handlesOf } from './handles.js';
import { createPgApiTokensRepo } from './pg/api-tokens.repo.js';
import { apiTokens } from './schema.js';

export interface ApiToken {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface ApiTokensRepo {
  /** Creates a token named `name` (unique); the returned `token` is never stored. */
  create(name: string, opts: { by: string; at: string }): Promise<{ token: string; record: ApiToken }>;
  /** Revokes the active token named `name`; false when there is none. */
  revoke(name: string, opts: { by: string; at: string }): Promise<boolean>;
  list(): Promise<ApiToken[]>;
  /** The active token matching `token`, with its last use set to `at`; undefined otherwise. */
  verify(token: string, opts: { at: string }): Promise<ApiToken | undefined>;
}

export { ApiTokenError, hashToken, TOKEN_PREFIX } from './api-token-format.js';

type Row = typeof apiTokens.$inferSelect;
const toToken = ({ tokenHash: _h, ...rest }: Row): ApiToken => rest;

export function createApiTokensRepo(store: Store): ApiTokensRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgApiTokensRepo(h.db);
  const { db } = h;
  return {
    async create(name, { by, at }) {
      checkTokenName(name);
      const token = newToken();
      return db.transaction((tx) => {
        if (tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, name)).get()) {
          throw tokenNameTaken(name);
        }
        const row = tx
          .insert(apiTokens)
          .values({ name, tokenHash: hashToken(token), createdAt: at, createdBy: by })
          .returning()
          .get();
        insertAudit(tx, { at, actor: by, action: 'api_token.create', entity: 'api_token', entityId: name });
        return { token, record: toToken(row) };
      }, WRITE_TX);
    },

    async revoke(name, { by, at }) {
      return db.transaction((tx) => {
        const row = tx.select().from(apiTokens).where(eq(apiTokens.name, name)).get();
        if (!row || row.revokedAt !== null) return false;
        tx.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, row.id)).run();
        insertAudit(tx, { at, actor: by, action: 'api_token.revoke', entity: 'api_token', entityId: name });
        return true;
      }, WRITE_TX);
    },

    async list() {
      return db.select().from(apiTokens).orderBy(asc(apiTokens.name)).all().map(toToken);
    },

    async verify(token, { at }) {
      if (!looksLikeToken(token)) return undefined;
      const hash = hashToken(token);
      const row = db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash)).get();
      // The lookup is by hash already; the constant-time compare keeps the check itself free of timing leaks.
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
      if (row.revokedAt !== null) return undefined;
      db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, row.id)).run();
      return toToken({ ...row, lastUsedAt: at });
    },
  };
}
