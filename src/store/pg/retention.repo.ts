// PostgreSQL implementation of the RetentionRepo port (see ../retention.repo.ts for the SQLite one and the behaviour both keep).
import type { RetentionRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgRetentionRepo(_db: PgStoreDb): RetentionRepo {
  return notImplemented<RetentionRepo>('createPgRetentionRepo');
}
