// Where a member's personal data lives in the store: for each table, the rows that are about them (their
// own rows, the rows they authored or acted in, the platform identities that reach them). The person
// export reads these; the erasure deletes or anonymises the same rows, then scrubs every other text cell
// that still names them (see person-erase.ts). A test fails when a table holds a member's id and is
// neither listed here nor covered by the erasure's scan.
import type Database from 'better-sqlite3';
import { applyNeedles, identifierNeedles, type Needle } from './table-scan.js';

export interface PersonKeys {
  readonly memberId: string;
  /** Slack user id, Teams AAD id, UPN, email: the platform identities the member had. */
  readonly platformIds: readonly string[];
}

/** The member's row, as stored. */
export interface MemberRow {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly slack_user_id: string | null;
  readonly teams_aad_id: string | null;
  readonly upn: string | null;
  readonly active: number;
}

export function memberRow(sqlite: Database.Database, memberId: string): MemberRow | undefined {
  return sqlite.prepare<[string], MemberRow>('select * from members where id = ?').get(memberId);
}

export function keysOf(m: MemberRow): PersonKeys {
  return {
    memberId: m.id,
    platformIds: [m.slack_user_id, m.teams_aad_id, m.upn, m.email].filter((v): v is string => !!v),
  };
}

const IDS = `(select value from json_each(@platformIds))`;
const DM_TO_MEMBER = `(json_extract(target, '$.destination.kind') = 'dm' and json_extract(target, '$.destination.memberId') = @m)`;

/**
 * Each table's rows about the member, as a `where` clause over named parameters @m (member id) and
 * @platformIds (JSON array). Tables without personal data (kpis, engine_state, scheduler_leases) are
 * absent; the audit log is selected in code (its states are JSON that may name the member anywhere).
 */
export const PERSON_ROWS: Readonly<Record<string, string>> = {
  members: `id = @m`,
  team_members: `member_id = @m`,
  teams: `exists (select 1 from json_each(teams.managers) where value = @m)`,
  objectives: `member_id = @m or owner_id = @m or approver_id = @m or exists (select 1 from json_each(coalesce(objectives.contributors, '[]')) where value = @m)`,
  objective_target_history: `changed_by = @m or objective_id in (select id from objectives where member_id = @m)`,
  check_ins: `member_id = @m`,
  metric_values: `member_id = @m`,
  metric_value_history: `member_id = @m or metric_value_id in (select id from metric_values where member_id = @m)`,
  ooo_periods: `member_id = @m or created_by = @m or cancelled_by = @m`,
  ritual_occurrences: `member_id = @m`,
  outbox: `${DM_TO_MEMBER} or occurrence_id in (select id from ritual_occurrences where member_id = @m)`,
  conversation_refs: `member_id = @m or key in ${IDS}`,
  reactions: `member_id = @m or user_id in ${IDS}`,
  breaches: `member_id = @m or subject_key = @m or acknowledged_by = @m`,
  decisions: `author = @m`,
  api_tokens: `created_by = @m`,
};

/** Audit rows about the member: they acted, or the entry's entity or states name them. */
export function auditRowsOf(sqlite: Database.Database, keys: PersonKeys): Record<string, unknown>[] {
  const needles: Needle[] = [keys.memberId, ...keys.platformIds].flatMap((v) => identifierNeedles(v, '\u0000'));
  const candidates = sqlite
    .prepare<unknown[], Record<string, unknown>>(
      `select * from audit_log where actor = ? or ${['entity_id', 'before', 'after'].flatMap((c) => needles.map(() => `instr(${c}, ?) > 0`)).join(' or ')} order by id`,
    )
    .all(keys.memberId, ...['entity_id', 'before', 'after'].flatMap(() => needles.map((n) => n.probe)));
  const names = (v: unknown) => typeof v === 'string' && applyNeedles(v, needles) !== v;
  return candidates.filter((r) => r.actor === keys.memberId || names(r.entity_id) || names(r.before) || names(r.after));
}

/** Rows of one table about the member, oldest first (by rowid). */
export function personRows(sqlite: Database.Database, table: string, keys: PersonKeys): Record<string, unknown>[] {
  if (table === 'audit_log') return auditRowsOf(sqlite, keys);
  const where = PERSON_ROWS[table];
  if (!where) return [];
  return sqlite
    .prepare<[{ m: string; platformIds: string }], Record<string, unknown>>(
      `select * from "${table}" where ${where} order by rowid`,
    )
    .all({ m: keys.memberId, platformIds: JSON.stringify(keys.platformIds) });
}

/** Text columns holding JSON are given back parsed, so the export reads as one JSON document. */
export function readable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // Not JSON after all: kept as text.
      }
    }
    out[k] = v;
  }
  return out;
}

export const PERSON_TABLES: readonly string[] = [...Object.keys(PERSON_ROWS), 'audit_log'];
