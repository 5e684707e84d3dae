// PostgreSQL implementation of the DecisionsRepo port (see ../decisions.repo.ts for the SQLite one and the behaviour both keep).
import type { DecisionsRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgDecisionsRepo(_db: PgStoreDb): DecisionsRepo {
  return notImplemented<DecisionsRepo>('createPgDecisionsRepo');
}
