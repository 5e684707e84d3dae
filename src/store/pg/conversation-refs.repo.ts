// PostgreSQL implementation of the ConversationRefsRepo port (see ../conversation-refs.repo.ts for the SQLite one and the behaviour both keep).
import type { ConversationRefsRepo } from '../conversation-refs.repo.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgConversationRefsRepo(_db: PgStoreDb): ConversationRefsRepo {
  return notImplemented<ConversationRefsRepo>('createPgConversationRefsRepo');
}
