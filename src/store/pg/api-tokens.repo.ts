// PostgreSQL implementation of the ApiTokensRepo port (see ../api-tokens.repo.ts for the SQLite one and the behaviour both keep).
import type { ApiTokensRepo } from '../api-tokens.repo.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgApiTokensRepo(_db: PgStoreDb): ApiTokensRepo {
  return notImplemented<ApiTokensRepo>('createPgApiTokensRepo');
}
