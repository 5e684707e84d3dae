// Erasure of one member on a PostgreSQL store: the PostgreSQL side of ../person-erase.ts, the same rows
// deleted or anonymised (see there), in one transaction. PostgreSQL readers and writers do not wait on each
// other, so the scan of every table for what still names the person runs inside that transaction (rows it
// rewrites are locked as they are found) instead of before and after it as on SQLite. The member row is
// locked first, and checked again once locked: a second erasure of the same member at the same time waits,
// then finds them gone; a config sync that brought them back in the meantime stops it.
import { type SQL, sql } from 'drizzle-orm';
import type { EraseReport, EraseTableReport } from '../../core/ports/index.js';
import type { MemberRow } from '../person-data.js';
import { ERASED_TEXT } from '../person-erase.js';
import { identifierNeedles, type Needle, textNeedles } from '../table-scan.js';
import { type PgStoreDb, rowCountOf, rowsOf } from './db.js';
import { dmTo, keysOf, pgMemberRow, platformIdsOf } from './person-data.js';
import { scrubEveryTable } from './table-scan.js';

/** Free text shorter than this is not hunted for elsewhere (an "ok" would match everywhere). */
const MIN_TEXT_NEEDLE = 6;

/** As on SQLite: a full name is hunted for across the database, a lone short first name is not. */
const distinctiveName = (name: string) => /\S\s+\S/.test(name.trim()) || name.trim().length >= 8;

/**
 * The start date of the pseudonymous member that keeps the person's numbers: PostgreSQL checks dates, so
 * where SQLite stores '' this is a day before any period the bot could report on, not the person's own.
 */
export const PSEUDONYM_START_DATE = '1970-01-01';

interface Counts {
  deleted: number;
  anonymised: number;
}

export async function pgEraseMember(
  db: PgStoreDb,
  memberId: string,
  opts: { readonly pseudonym: string; readonly keepAggregates: boolean; readonly actor: string; readonly at: string },
  /** Throws to refuse the erasure of the member as locked (undefined: gone); nothing is changed then. */
  refuse: (m: MemberRow | undefined) => void,
): Promise<EraseReport> {
  const { pseudonym: p, keepAggregates: keep, at } = opts;
  return db.transaction(async (tx) => {
    const locked = await pgMemberRow(tx, memberId, { lock: true });
    refuse(locked);
    if (!locked) throw new Error(`member ${memberId} is gone`);
    const m = locked;
    const keys = keysOf(m);
    const ids = platformIdsOf(keys);
    const counts = new Map<string, Counts>();
    const add = (table: string, kind: keyof Counts, n: number) => {
      if (n === 0) return;
      const c = counts.get(table) ?? { deleted: 0, anonymised: 0 };
      c[kind] += n;
      counts.set(table, c);
    };
    const run = async (statement: SQL) => rowCountOf(await tx.execute(statement));
    const del = async (table: string, where: SQL) =>
      add(table, 'deleted', await run(sql`delete from ${sql.identifier(table)} where ${where}`));
    const anon = async (table: string, statement: SQL) => add(table, 'anonymised', await run(statement));
    const ownObjectives = sql`(select id from objectives where member_id = ${m.id})`;

    // Read before anything is deleted: the free text to hunt for elsewhere (quoted in a manager's stand-up).
    const texts = rowsOf<{ t: string | null }>(
      await tx.execute(sql`select wins as t from check_ins where member_id = ${m.id}
        union all select blockers from check_ins where member_id = ${m.id}
        union all select text from decisions where author = ${m.id}
        union all select reason from ooo_periods where member_id = ${m.id}`),
    )
      .map((r) => r.t?.trim() ?? '')
      .filter((t) => t.length >= MIN_TEXT_NEEDLE);
    const needles: Needle[] = [
      ...texts.flatMap((t) => textNeedles(t, ERASED_TEXT)),
      ...[m.id, ...(distinctiveName(m.name) ? [m.name] : []), ...keys.platformIds]
        .filter((v) => v.trim().length >= 2)
        .flatMap((v) => identifierNeedles(v, p)),
    ];

    if (keep) {
      // The pseudonym: no name or identity of its own; former member of the same teams.
      await run(sql`insert into members (id, name, role_id, start_date, active, config_json, created_at, updated_at)
        select ${p}, ${p}, role_id, ${PSEUDONYM_START_DATE}::date, false, '{}', ${at}, ${at} from members where id = ${m.id}`);
      add('members', 'anonymised', 1);
      await anon(
        'team_members',
        sql`insert into team_members (team_id, member_id, active, joined_at, left_at)
          select team_id, ${p}, false, joined_at, coalesce(left_at, ${at}) from team_members where member_id = ${m.id}`,
      );
      await anon(
        'metric_values',
        sql`update metric_values set member_id = ${p}, external_id = ${p} || ':' || id where member_id = ${m.id}`,
      );
      await anon(
        'metric_value_history',
        sql`update metric_value_history set member_id = ${p} where member_id = ${m.id}`,
      );
      await anon(
        'reactions',
        sql`update reactions set member_id = ${p}, user_id = ${p} where member_id = ${m.id} or user_id in ${ids}`,
      );
    } else {
      await del(
        'metric_value_history',
        sql`member_id = ${m.id} or metric_value_id in (select id from metric_values where member_id = ${m.id})`,
      );
      await del('metric_values', sql`member_id = ${m.id}`);
      await del('reactions', sql`member_id = ${m.id} or user_id in ${ids}`);
    }
    await del('check_ins', sql`member_id = ${m.id}`);
    await del('ooo_periods', sql`member_id = ${m.id}`);
    await del('breaches', sql`member_id = ${m.id} or subject_key = ${m.id}`);
    // Messages to the member (and those of their occurrences), then the occurrences themselves.
    await del(
      'outbox',
      sql`${dmTo(m.id)} or occurrence_id in (select id from ritual_occurrences where member_id = ${m.id})`,
    );
    await del('ritual_occurrences', sql`member_id = ${m.id}`);
    await del('conversation_refs', sql`member_id = ${m.id} or key in ${ids}`);
    // Their decisions stay in the team's log, without their words.
    await anon('decisions', sql`update decisions set author = ${p}, text = ${ERASED_TEXT} where author = ${m.id}`);
    // Target overrides of their own (only in the config they left) and the history of those targets.
    await anon('decisions', sql`update decisions set objective_id = null where objective_id in ${ownObjectives}`);
    await del('breaches', sql`objective_id in ${ownObjectives}`);
    await del('objective_target_history', sql`objective_id in ${ownObjectives}`);
    await del('objectives', sql`member_id = ${m.id}`);
    await del('team_members', sql`member_id = ${m.id}`);
    // The config history of their entry (name, email, platform ids) and of their memberships.
    // (Compared by substring, not LIKE: an id may hold `_`, a LIKE wildcard.)
    await del(
      'audit_log',
      sql`(entity = 'member' and entity_id = ${m.id})
        or (entity = 'membership' and right(entity_id, length(${m.id}) + 1) = '/' || ${m.id})
        or (entity = 'objective' and left(entity_id, length(${m.id}) + 8) = 'member:' || ${m.id} || ':')`,
    );
    await del('members', sql`id = ${m.id}`);

    // Everything else that still names or quotes them: ids and names become the pseudonym.
    for (const [table, n] of await scrubEveryTable(tx, needles)) add(table, 'anonymised', n);

    const tables: EraseTableReport[] = [...counts.entries()]
      .map(([table, c]) => ({ table, ...c }))
      .sort((a, b) => a.table.localeCompare(b.table));
    // The erasure's own record names the pseudonym only: it must not undo what it did.
    await tx.execute(sql`insert into audit_log (at, actor, action, entity, entity_id, before, after)
      values (${at}, ${opts.actor}, 'person.erase', 'person', ${p}, null, ${JSON.stringify({ keptAggregates: keep, tables })}::jsonb)`);
    return { pseudonym: p, keptAggregates: keep, tables };
  });
}
