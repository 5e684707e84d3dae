// PostgreSQL implementation of the AuditRepo port (see ../audit.repo.ts for the SQLite one and the behaviour both keep).
import type { AuditRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgAuditRepo(_db: PgStoreDb): AuditRepo {
  return notImplemented<AuditRepo>('createPgAuditRepo');
}
