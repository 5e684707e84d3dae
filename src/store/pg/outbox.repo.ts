// PostgreSQL implementation of the OutboxRepo port (see ../outbox.repo.ts for the SQLite one and the behaviour both keep).
import type { OutboxRepo } from '../outbox.repo.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgOutboxRepo(_db: PgStoreDb): OutboxRepo {
  return notImplemented<OutboxRepo>('createPgOutboxRepo');
}
