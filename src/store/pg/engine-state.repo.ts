// PostgreSQL implementation of the EngineStateRepo port (see ../engine-state.repo.ts for the SQLite one and the behaviour both keep).
import type { EngineStateRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgEngineStateRepo(_db: PgStoreDb): EngineStateRepo {
  return notImplemented<EngineStateRepo>('createPgEngineStateRepo');
}
