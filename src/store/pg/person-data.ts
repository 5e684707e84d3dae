// Where a member's personal data lives in a PostgreSQL store: the PostgreSQL side of ../person-data.ts, the
// same rows of the same tables (see there). The export reads these; the erasure (./person-erase.ts)
// deletes or anonymises the same rows, then scrubs every other text and JSON cell that still names them.
import { type SQL, sql } from 'drizzle-orm';
import { keysOf, type MemberRow, type PersonKeys } from '../person-data.js';
import { applyNeedles, identifierNeedles, type Needle } from '../table-scan.js';
import { type PgStoreDb, type PgStoreTx, rowsOf } from './db.js';

export { keysOf };

/** The member's row, as stored, with `active` as SQLite gives it (0 or 1). */
export async function pgMemberRow(
  db: PgStoreDb | PgStoreTx,
  memberId: string,
  opts: { readonly lock?: boolean } = {},
): Promise<MemberRow | undefined> {
  const [row] = rowsOf<Omit<MemberRow, 'active'> & { active: boolean }>(
    await db.execute(
      sql`select id, name, email, slack_user_id, teams_aad_id, upn, active from members where id = ${memberId}${opts.lock ? sql` for update` : sql``}`,
    ),
  );
  return row ? { ...row, active: row.active ? 1 : 0 } : undefined;
}

/** The member's platform ids, as one parameter listing them in SQL. */
export const platformIdsOf = (keys: PersonKeys): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(keys.platformIds)}::jsonb))`;

/** Messages addressed to the member directly (the outbox target is JSON text). */
export const dmTo = (m: string): SQL =>
  sql`(target::jsonb #>> '{destination,kind}' = 'dm' and target::jsonb #>> '{destination,memberId}' = ${m})`;

/** Each table's rows about the member (as ../person-data.ts PERSON_ROWS), and the order they are exported in. */
export const PG_PERSON_ROWS: Readonly<Record<string, { where: (k: PersonKeys) => SQL; order: SQL }>> = {
  members: { where: (k) => sql`id = ${k.memberId}`, order: sql`id collate "C"` },
  team_members: {
    where: (k) => sql`member_id = ${k.memberId}`,
    order: sql`team_id collate "C", member_id collate "C"`,
  },
  teams: { where: (k) => sql`managers @> jsonb_build_array(${k.memberId}::text)`, order: sql`id collate "C"` },
  objectives: {
    where: (k) =>
      sql`member_id = ${k.memberId} or owner_id = ${k.memberId} or approver_id = ${k.memberId} or coalesce(contributors, '[]'::jsonb) @> jsonb_build_array(${k.memberId}::text)`,
    order: sql`id collate "C"`,
  },
  objective_target_history: {
    where: (k) =>
      sql`changed_by = ${k.memberId} or objective_id in (select id from objectives where member_id = ${k.memberId})`,
    order: sql`id`,
  },
  check_ins: { where: (k) => sql`member_id = ${k.memberId}`, order: sql`id` },
  metric_values: { where: (k) => sql`member_id = ${k.memberId}`, order: sql`id` },
  metric_value_history: {
    where: (k) =>
      sql`member_id = ${k.memberId} or metric_value_id in (select id from metric_values where member_id = ${k.memberId})`,
    order: sql`id`,
  },
  ooo_periods: {
    where: (k) => sql`member_id = ${k.memberId} or created_by = ${k.memberId} or cancelled_by = ${k.memberId}`,
    order: sql`id`,
  },
  ritual_occurrences: { where: (k) => sql`member_id = ${k.memberId}`, order: sql`id` },
  outbox: {
    where: (k) =>
      sql`${dmTo(k.memberId)} or occurrence_id in (select id from ritual_occurrences where member_id = ${k.memberId})`,
    order: sql`id`,
  },
  conversation_refs: {
    where: (k) => sql`member_id = ${k.memberId} or key in ${platformIdsOf(k)}`,
    order: sql`platform collate "C", key collate "C"`,
  },
  reactions: { where: (k) => sql`member_id = ${k.memberId} or user_id in ${platformIdsOf(k)}`, order: sql`id` },
  breaches: {
    where: (k) => sql`member_id = ${k.memberId} or subject_key = ${k.memberId} or acknowledged_by = ${k.memberId}`,
    order: sql`id`,
  },
  decisions: { where: (k) => sql`author = ${k.memberId}`, order: sql`id` },
  api_tokens: { where: (k) => sql`created_by = ${k.memberId}`, order: sql`id` },
};

/** Audit rows about the member: they acted, or the entry's entity or states name them. */
export async function pgAuditRowsOf(db: PgStoreDb, keys: PersonKeys): Promise<Record<string, unknown>[]> {
  const needles: Needle[] = [keys.memberId, ...keys.platformIds].flatMap((v) => identifierNeedles(v, '\u0000'));
  const probes = [...new Set(needles.map((n) => n.probe))];
  const hit = sql.join(
    ['entity_id', 'before', 'after'].flatMap((c) =>
      probes.map((p) => sql`strpos(${sql.identifier(c)}::text, ${p}) > 0`),
    ),
    sql` or `,
  );
  const candidates = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select * from audit_log where actor = ${keys.memberId} or ${hit} order by id`),
  );
  const names = (v: unknown) => {
    if (v === null || v === undefined) return false;
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return applyNeedles(text, needles) !== text;
  };
  return candidates.filter((r) => r.actor === keys.memberId || names(r.entity_id) || names(r.before) || names(r.after));
}

/** Rows of one table about the member, in primary key order. */
export async function pgPersonRows(db: PgStoreDb, table: string, keys: PersonKeys): Promise<Record<string, unknown>[]> {
  if (table === 'audit_log') return pgAuditRowsOf(db, keys);
  const rows = PG_PERSON_ROWS[table];
  if (!rows) return [];
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`select * from ${sql.identifier(table)} where ${rows.where(keys)} order by ${rows.order}`),
  );
}
