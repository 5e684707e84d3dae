// PostgreSQL implementation of the BreachesRepo port (see ../breaches.repo.ts for the SQLite one and the behaviour both keep).
import type { BreachesRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgBreachesRepo(_db: PgStoreDb): BreachesRepo {
  return notImplemented<BreachesRepo>('createPgBreachesRepo');
}
