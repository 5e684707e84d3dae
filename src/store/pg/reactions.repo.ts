// PostgreSQL implementation of the ReactionsRepo port (see ../reactions.repo.ts for the SQLite one and the behaviour both keep).
import type { ReactionsRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgReactionsRepo(_db: PgStoreDb): ReactionsRepo {
  return notImplemented<ReactionsRepo>('createPgReactionsRepo');
}
