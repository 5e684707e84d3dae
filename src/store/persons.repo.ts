// Access and erasure of one member's personal data (the PersonDataRepo port): find by id or email, export
// every row about them, erase them. The SQL lives in person-data.ts and person-erase.ts; a second
// database backend implements the same port with its own dialect.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PersonDataRepo, StoredMember, WorkspaceRepo } from '../core/ports/index.js';
import { keysOf, memberRow, PERSON_TABLES, personRows, readable } from './person-data.js';
import { eraseMember } from './person-erase.js';

export type PersonErrorCode = 'PERSON.UNKNOWN' | 'PERSON.STILL_CONFIGURED';

/** An expected refusal, with a stable code and a message for the operator. */
export class PersonError extends Error {
  constructor(
    readonly code: PersonErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PersonError';
  }
}

/** `anon-` and 10 random hex digits: no link to the person, unique in practice. */
export const newPseudonym = (): string => `anon-${randomBytes(5).toString('hex')}`;

export function createPersonsRepo(
  sqlite: Database.Database,
  workspace: Pick<WorkspaceRepo, 'findMemberByIdentity' | 'listMembers'>,
): PersonDataRepo {
  const known = (memberId: string) => {
    const m = memberRow(sqlite, memberId);
    if (!m) throw new PersonError('PERSON.UNKNOWN', `no member "${memberId}" in the database`);
    return m;
  };

  return {
    async find(idOrEmail): Promise<StoredMember | undefined> {
      const byId = (await workspace.listMembers({ includeInactive: true })).find((m) => m.id === idOrEmail);
      return byId ?? (idOrEmail.includes('@') ? workspace.findMemberByIdentity('email', idOrEmail) : undefined);
    },

    async export(memberId, { actor, at }) {
      const keys = keysOf(known(memberId));
      const tables: Record<string, Record<string, unknown>[]> = {};
      for (const table of PERSON_TABLES) {
        const rows = personRows(sqlite, table, keys);
        if (rows.length > 0) tables[table] = rows.map(readable);
      }
      const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
      sqlite
        .prepare(
          `insert into audit_log (at, actor, action, entity, entity_id, before, after) values (?, ?, 'person.export', 'person', ?, null, ?)`,
        )
        .run(at, actor, memberId, JSON.stringify({ tables: counts }));
      return { format: 'rituals.person-export/1', memberId, exportedAt: at, tables };
    },

    async erase(memberId, { actor, at, keepAggregates }) {
      const m = known(memberId);
      if (m.active) {
        throw new PersonError(
          'PERSON.STILL_CONFIGURED',
          `member "${memberId}" is still in the workspace config: remove them from it (and from managers, owners, contributors and approvers) first; the config would bring them back`,
        );
      }
      return eraseMember(sqlite, m, { pseudonym: newPseudonym(), keepAggregates, actor, at });
    },
  };
}
