// PostgreSQL implementation of the PersonDataRepo port (see ../persons.repo.ts for the SQLite one and the
// behaviour both keep): the rows about a member are found by ./person-data.ts, erased by ./person-erase.ts.
import { sql } from 'drizzle-orm';
import type { PersonDataRepo, StoredMember, WorkspaceRepo } from '../../core/ports/index.js';
import { PERSON_TABLES, readable } from '../person-data.js';
import { newPseudonym, PersonError } from '../persons.repo.js';
import type { PgStoreDb } from './db.js';
import { keysOf, pgMemberRow, pgPersonRows } from './person-data.js';
import { pgEraseMember } from './person-erase.js';

const unknown = (memberId: string) => new PersonError('PERSON.UNKNOWN', `no member "${memberId}" in the database`);

export function createPgPersonsRepo(
  db: PgStoreDb,
  workspace: Pick<WorkspaceRepo, 'findMemberByIdentity' | 'listMembers'>,
): PersonDataRepo {
  const known = async (memberId: string) => {
    const m = await pgMemberRow(db, memberId);
    if (!m) throw unknown(memberId);
    return m;
  };

  return {
    async find(idOrEmail): Promise<StoredMember | undefined> {
      const byId = (await workspace.listMembers({ includeInactive: true })).find((m) => m.id === idOrEmail);
      return byId ?? (idOrEmail.includes('@') ? workspace.findMemberByIdentity('email', idOrEmail) : undefined);
    },

    async export(memberId, { actor, at }) {
      const keys = keysOf(await known(memberId));
      const tables: Record<string, Record<string, unknown>[]> = {};
      for (const table of PERSON_TABLES) {
        const rows = await pgPersonRows(db, table, keys);
        if (rows.length > 0) tables[table] = rows.map(readable);
      }
      const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
      await db.execute(sql`insert into audit_log (at, actor, action, entity, entity_id, before, after)
        values (${at}, ${actor}, 'person.export', 'person', ${memberId}, null, ${JSON.stringify({ tables: counts })}::jsonb)`);
      return { format: 'rituals.person-export/1', memberId, exportedAt: at, tables };
    },

    async erase(memberId, { actor, at, keepAggregates }) {
      return pgEraseMember(db, memberId, { pseudonym: newPseudonym(), keepAggregates, actor, at }, (m) => {
        if (!m) throw unknown(memberId);
        if (m.active) {
          throw new PersonError(
            'PERSON.STILL_CONFIGURED',
            `member "${memberId}" is still in the workspace config: remove them from it (and from managers, owners, contributors and approvers) first; the config would bring them back`,
          );
        }
      });
    },
  };
}
