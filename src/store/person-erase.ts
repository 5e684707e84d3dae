// Erasure of one member, in one write transaction: their own rows are deleted (check-ins with their free
// text, out-of-office periods, breaches, occurrences and the messages sent to them, conversation
// references, memberships, target overrides, the config history of their entry, the member row); the
// decisions they wrote stay in the team's log under a pseudonym with their text removed; their metric
// values are deleted or, with `keepAggregates`, kept under a random pseudonymous member who takes over
// their (former) memberships, so the team figures they counted in do not change. A last pass rewrites
// every text cell of every table that still names them (id, name, email, platform ids) or quotes their
// free text: a table added later is covered without a change here. Scanning every table takes seconds on
// a large database, so it reads before the write transaction (WAL readers take no lock) and the
// transaction only rewrites the rows found; a second scan after it catches anything written meanwhile.
import type Database from 'better-sqlite3';
import type { EraseReport, EraseTableReport } from '../core/ports/index.js';
import { keysOf, type MemberRow } from './person-data.js';
import { findNeedleRows, identifierNeedles, type Needle, scrubRows, textNeedles } from './table-scan.js';

/** What replaces a free text the person wrote. */
export const ERASED_TEXT = '[erased]';

/** Free text shorter than this is not hunted for elsewhere (an "ok" would match everywhere). */
const MIN_TEXT_NEEDLE = 6;

/**
 * A full name ("Léa Martin") is hunted for across the database; a lone short first name ("Sam") is not,
 * as it would rewrite other people's names ("Sam Patel"): messages that quote it expire with the outbox.
 */
const distinctiveName = (name: string) => /\S\s+\S/.test(name.trim()) || name.trim().length >= 8;

interface Counts {
  deleted: number;
  anonymised: number;
}

export function eraseMember(
  sqlite: Database.Database,
  m: MemberRow,
  opts: { readonly pseudonym: string; readonly keepAggregates: boolean; readonly actor: string; readonly at: string },
): EraseReport {
  const { pseudonym: p, keepAggregates: keep, at } = opts;
  const keys = keysOf(m);
  const counts = new Map<string, Counts>();
  const add = (table: string, kind: keyof Counts, n: number) => {
    if (n === 0) return;
    const c = counts.get(table) ?? { deleted: 0, anonymised: 0 };
    c[kind] += n;
    counts.set(table, c);
  };
  const run = (sql: string, params: Record<string, unknown> = {}) =>
    sqlite.prepare(sql).run({ m: m.id, p, at, platformIds: JSON.stringify(keys.platformIds), ...params }).changes;
  const del = (table: string, where: string) => add(table, 'deleted', run(`delete from "${table}" where ${where}`));
  const anon = (table: string, sql: string) => add(table, 'anonymised', run(sql));

  // Read before anything is deleted: the free text to hunt for elsewhere (quoted in a manager's stand-up).
  const texts = sqlite
    .prepare<{ m: string }, { t: string | null }>(
      `select wins as t from check_ins where member_id = @m union all select blockers from check_ins where member_id = @m
       union all select text from decisions where author = @m union all select reason from ooo_periods where member_id = @m`,
    )
    .all({ m: m.id })
    .map((r) => r.t?.trim() ?? '')
    .filter((t) => t.length >= MIN_TEXT_NEEDLE);

  const needles: Needle[] = [
    ...texts.flatMap((t) => textNeedles(t, ERASED_TEXT)),
    ...[m.id, ...(distinctiveName(m.name) ? [m.name] : []), ...keys.platformIds]
      .filter((v) => v.trim().length >= 2)
      .flatMap((v) => identifierNeedles(v, p)),
  ];
  const found = findNeedleRows(sqlite, needles);

  const report = sqlite
    .transaction((): EraseReport => {
      if (keep) {
        // The pseudonym: no name, identity or start date of its own; former member of the same teams.
        run(`insert into members (id, name, role_id, start_date, active, config_json, created_at, updated_at)
           select @p, @p, role_id, '', 0, '{}', @at, @at from members where id = @m`);
        add('members', 'anonymised', 1);
        anon(
          'team_members',
          `insert into team_members (team_id, member_id, active, joined_at, left_at)
           select team_id, @p, 0, joined_at, coalesce(left_at, @at) from team_members where member_id = @m`,
        );
        anon(
          'metric_values',
          `update metric_values set member_id = @p, external_id = @p || ':' || id where member_id = @m`,
        );
        anon('metric_value_history', `update metric_value_history set member_id = @p where member_id = @m`);
        anon(
          'reactions',
          `update reactions set member_id = @p, user_id = @p where member_id = @m or user_id in (select value from json_each(@platformIds))`,
        );
      } else {
        del(
          'metric_value_history',
          `member_id = @m or metric_value_id in (select id from metric_values where member_id = @m)`,
        );
        del('metric_values', `member_id = @m`);
        del('reactions', `member_id = @m or user_id in (select value from json_each(@platformIds))`);
      }
      del('check_ins', `member_id = @m`);
      del('ooo_periods', `member_id = @m`);
      del('breaches', `member_id = @m or subject_key = @m`);
      // Messages to the member (and those of their occurrences), then the occurrences themselves.
      del(
        'outbox',
        `(json_extract(target, '$.destination.kind') = 'dm' and json_extract(target, '$.destination.memberId') = @m)
                   or occurrence_id in (select id from ritual_occurrences where member_id = @m)`,
      );
      del('ritual_occurrences', `member_id = @m`);
      del('conversation_refs', `member_id = @m or key in (select value from json_each(@platformIds))`);
      // Their decisions stay in the team's log, without their words.
      anon('decisions', `update decisions set author = @p, text = '${ERASED_TEXT}' where author = @m`);
      // Target overrides of their own (only in the config they left) and the history of those targets.
      anon(
        'decisions',
        `update decisions set objective_id = null where objective_id in (select id from objectives where member_id = @m)`,
      );
      del('breaches', `objective_id in (select id from objectives where member_id = @m)`);
      del('objective_target_history', `objective_id in (select id from objectives where member_id = @m)`);
      del('objectives', `member_id = @m`);
      del('team_members', `member_id = @m`);
      // The config history of their entry (name, email, platform ids) and of their memberships.
      // (Compared by substring, not LIKE: an id may hold `_`, a LIKE wildcard.)
      del(
        'audit_log',
        `(entity = 'member' and entity_id = @m)
                      or (entity = 'membership' and substr(entity_id, -length(@m) - 1) = '/' || @m)
                      or (entity = 'objective' and substr(entity_id, 1, length(@m) + 8) = 'member:' || @m || ':')`,
      );
      del('members', `id = @m`);

      // Everything else that still names or quotes them: ids and names become the pseudonym.
      for (const [table, n] of scrubRows(sqlite, needles, found)) add(table, 'anonymised', n);

      const tables: EraseTableReport[] = [...counts.entries()]
        .map(([table, c]) => ({ table, ...c }))
        .sort((a, b) => a.table.localeCompare(b.table));
      const report: EraseReport = { pseudonym: p, keptAggregates: keep, tables };
      // The erasure's own record names the pseudonym only: it must not undo what it did.
      sqlite
        .prepare(
          `insert into audit_log (at, actor, action, entity, entity_id, before, after) values (?, ?, 'person.erase', 'person', ?, null, ?)`,
        )
        .run(at, opts.actor, p, JSON.stringify({ keptAggregates: keep, tables }));
      return report;
    })
    .immediate();

  // Anything that named them and was written during the scan (none expected: they left the config).
  const late = findNeedleRows(sqlite, needles);
  if (late.size === 0) return report;
  return sqlite
    .transaction((): EraseReport => {
      for (const [table, n] of scrubRows(sqlite, needles, late)) add(table, 'anonymised', n);
      const tables = [...counts.entries()]
        .map(([table, c]) => ({ table, ...c }))
        .sort((a, b) => a.table.localeCompare(b.table));
      sqlite
        .prepare(`update audit_log set after = ? where action = 'person.erase' and entity_id = ?`)
        .run(JSON.stringify({ keptAggregates: keep, tables }), p);
      return { ...report, tables };
    })
    .immediate();
}
