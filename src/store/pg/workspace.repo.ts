// PostgreSQL implementation of the WorkspaceRepo port (see ../workspace.repo.ts for the SQLite one and the behaviour both keep).
import type { WorkspaceRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgWorkspaceRepo(_db: PgStoreDb): WorkspaceRepo {
  return notImplemented<WorkspaceRepo>('createPgWorkspaceRepo');
}
