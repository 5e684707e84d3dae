// PostgreSQL implementation of the CheckInsRepo port (see ../check-ins.repo.ts for the SQLite one and the behaviour both keep).
import type { CheckInsRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgCheckInsRepo(_db: PgStoreDb): CheckInsRepo {
  return notImplemented<CheckInsRepo>('createPgCheckInsRepo');
}
