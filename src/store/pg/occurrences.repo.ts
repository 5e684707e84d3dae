// PostgreSQL implementation of the OccurrencesRepo port (see ../occurrences.repo.ts for the SQLite one and the behaviour both keep).
import type { OccurrencesRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgOccurrencesRepo(_db: PgStoreDb): OccurrencesRepo {
  return notImplemented<OccurrencesRepo>('createPgOccurrencesRepo');
}
