// PostgreSQL implementation of the PersonDataRepo port (see ../persons.repo.ts for the SQLite one).
import type { PersonDataRepo, WorkspaceRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgPersonsRepo(
  _db: PgStoreDb,
  _workspace: Pick<WorkspaceRepo, 'findMemberByIdentity' | 'listMembers'>,
): PersonDataRepo {
  return notImplemented<PersonDataRepo>('createPgPersonsRepo');
}
