// Bearer tokens of the ingest API. A token is shown once when created; only its SHA-256 hash is stored,
// so a copy of the database gives no usable token. Verification looks the hash up, compares it in
// constant time, refuses revoked tokens and records when the token was last used. Creations and
// revocations go to the audit log (by name, never the token).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
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

export class ApiTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiTokenError';
  }
}

/** `rit_` and 32 random bytes in base64url: 256 bits, easy to spot in a leaked file. */
export const TOKEN_PREFIX = 'rit_';
const TOKEN_RE = /^rit_[A-Za-z0-9_-]{43}$/;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

type Row = typeof apiTokens.$inferSelect;
const toToken = ({ tokenHash: _h, ...rest }: Row): ApiToken => rest;

export function createApiTokensRepo(store: Store): ApiTokensRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgApiTokensRepo(h.db);
  const { db } = h;
  return {
    async create(name, { by, at }) {
      if (!NAME_RE.test(name))
        throw new ApiTokenError(`bad token name "${name}": use letters, digits, ".", "_" or "-" (64 at most)`);
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      return db.transaction((tx) => {
        if (tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, name)).get()) {
          throw new ApiTokenError(`a token named "${name}" already exists (names stay taken after a revocation)`);
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
      if (!TOKEN_RE.test(token)) return undefined;
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
