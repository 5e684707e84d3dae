// PostgreSQL implementation of the LeasesRepo port (see ../leases.repo.ts for the SQLite one and the behaviour both keep).
import type { LeasesRepo } from '../leases.repo.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgLeasesRepo(_db: PgStoreDb): LeasesRepo {
  return notImplemented<LeasesRepo>('createPgLeasesRepo');
}
