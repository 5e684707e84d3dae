// PostgreSQL implementation of the ObjectivesRepo port (see ../objectives.repo.ts for the SQLite one and the behaviour both keep).
import type { ObjectivesRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgObjectivesRepo(_db: PgStoreDb): ObjectivesRepo {
  return notImplemented<ObjectivesRepo>('createPgObjectivesRepo');
}
