// What an ingest API token looks like, shared by the SQLite and PostgreSQL token repositories: the token
// text (`rit_` and 32 random bytes in base64url), the names tokens may have, the SHA-256 hash that is all
// the database keeps, and the error a refused creation gives.
import { createHash, randomBytes } from 'node:crypto';

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

/** A new token, never stored: only its hash is. */
export const newToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** Whether `token` has the shape of one of ours (anything else is refused before a lookup). */
export const looksLikeToken = (token: string): boolean => TOKEN_RE.test(token);

/** Throws ApiTokenError unless `name` is a valid token name. */
export function checkTokenName(name: string): void {
  if (!NAME_RE.test(name))
    throw new ApiTokenError(`bad token name "${name}": use letters, digits, ".", "_" or "-" (64 at most)`);
}

export const tokenNameTaken = (name: string): ApiTokenError =>
  new ApiTokenError(`a token named "${name}" already exists (names stay taken after a revocation)`);
