// PostgreSQL implementation of the OooRepo port (see ../ooo.repo.ts for the SQLite one and the behaviour both keep).
import type { OooRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgOooRepo(_db: PgStoreDb): OooRepo {
  return notImplemented<OooRepo>('createPgOooRepo');
}
