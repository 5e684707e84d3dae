// PostgreSQL implementation of the SlackInstallationsRepo port (see ../slack-installations.repo.ts for the SQLite one and the behaviour both keep).
import type { SlackInstallationsRepo } from '../slack-installations.repo.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgSlackInstallationsRepo(_db: PgStoreDb): SlackInstallationsRepo {
  return notImplemented<SlackInstallationsRepo>('createPgSlackInstallationsRepo');
}
