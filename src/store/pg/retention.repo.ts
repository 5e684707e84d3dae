// PostgreSQL implementation of the RetentionRepo port (see ../retention.repo.ts for the SQLite one and the
// behaviour both keep): the same rows, in batches of a few thousand, each its own short transaction. A
// batch locks its rows `FOR UPDATE SKIP LOCKED`, so two replicas applying retention at once share the rows
// instead of waiting on each other (and rows a writer holds are taken by the next batch or the next run).
// A metric value goes in the same statement as its correction history: a concurrent correction, which
// locks the value before writing history, either waits for the delete or is waited for.
import { type SQL, sql } from 'drizzle-orm';
import type { RetentionCutoffs } from '../../core/domain/retention.js';
import type { RetentionCounts, RetentionRepo } from '../../core/ports/index.js';
import { EXPIRED_VIEW } from '../retention.repo.js';
import { type PgStoreDb, rowsOf } from './db.js';

const BATCH = 5_000;

const expired = sql`${EXPIRED_VIEW}::jsonb`;
/** Values are dated by day: a value for a day before the cutoff's day has expired. */
const day = (cutoff: string) => sql`${cutoff.slice(0, 10)}::date`;

interface Step {
  readonly table: string;
  /** Rows that expire; must stop matching once the step has run on them. */
  readonly where: (cutoff: string) => SQL;
  /** `delete`, or the `set` clause of an update. */
  readonly change: 'delete' | SQL;
  readonly count: keyof RetentionCounts;
}

const STEPS: Readonly<Record<Exclude<keyof RetentionCutoffs, 'metricValues'>, Step>> = {
  checkinText: {
    count: 'checkinTexts',
    table: 'check_ins',
    where: (c) => sql`submitted_at collate "C" < ${c} and (wins is not null or blockers is not null)`,
    change: sql`wins = null, blockers = null`,
  },
  outboxBodies: {
    count: 'outboxBodies',
    table: 'outbox',
    where: (c) => sql`status = 'sent' and updated_at collate "C" < ${c} and view <> ${expired}`,
    change: sql`view = ${expired}`,
  },
  auditLog: { count: 'auditRows', table: 'audit_log', where: (c) => sql`at collate "C" < ${c}`, change: 'delete' },
  decisions: {
    count: 'decisions',
    table: 'decisions',
    where: (c) => sql`created_at collate "C" < ${c}`,
    change: 'delete',
  },
};

const countOf = async (db: PgStoreDb, from: SQL, where: SQL): Promise<number> =>
  rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${from} where ${where}`))[0]!.n;

export function createPgRetentionRepo(db: PgStoreDb): RetentionRepo {
  const applyStep = async (step: Step, cutoff: string): Promise<number> => {
    const t = sql.identifier(step.table);
    const batch = sql`select id from ${t} where ${step.where(cutoff)} limit ${BATCH} for update skip locked`;
    const statement =
      step.change === 'delete'
        ? sql`with gone as (delete from ${t} where id in (${batch}) returning 1) select count(*)::int as n from gone`
        : sql`with done as (update ${t} set ${step.change} where id in (${batch}) returning 1) select count(*)::int as n from done`;
    let total = 0;
    for (;;) {
      const n = rowsOf<{ n: number }>(await db.execute(statement))[0]!.n;
      total += n;
      if (n < BATCH) return total;
    }
  };

  const applyMetricValues = async (cutoff: string): Promise<{ values: number; history: number }> => {
    const statement = sql`with batch as (
        select id from metric_values where date < ${day(cutoff)} limit ${BATCH} for update skip locked),
      history as (delete from metric_value_history where metric_value_id in (select id from batch) returning 1),
      gone as (delete from metric_values where id in (select id from batch) returning 1)
      select (select count(*)::int from gone) as values, (select count(*)::int from history) as history`;
    let values = 0;
    let history = 0;
    for (;;) {
      const r = rowsOf<{ values: number; history: number }>(await db.execute(statement))[0]!;
      values += r.values;
      history += r.history;
      if (r.values < BATCH) return { values, history };
    }
  };

  return {
    async apply(cutoffs, { dryRun }) {
      const counts: Record<keyof RetentionCounts, number> = {
        checkinTexts: 0,
        metricValues: 0,
        metricValueHistory: 0,
        outboxBodies: 0,
        auditRows: 0,
        decisions: 0,
      };
      // In the SQLite order: check-in text, metric values (history first), outbox bodies, audit, decisions.
      for (const kind of ['checkinText', 'metricValues', 'outboxBodies', 'auditLog', 'decisions'] as const) {
        const cutoff = cutoffs[kind];
        if (cutoff === undefined) continue;
        if (kind === 'metricValues') {
          if (dryRun) {
            const old = sql`metric_values where date < ${day(cutoff)}`;
            counts.metricValueHistory += await countOf(
              db,
              sql`metric_value_history`,
              sql`metric_value_id in (select id from ${old})`,
            );
            counts.metricValues += await countOf(db, sql`metric_values`, sql`date < ${day(cutoff)}`);
          } else {
            const n = await applyMetricValues(cutoff);
            counts.metricValues += n.values;
            counts.metricValueHistory += n.history;
          }
          continue;
        }
        const step = STEPS[kind];
        counts[step.count] += dryRun
          ? await countOf(db, sql`${sql.identifier(step.table)}`, step.where(cutoff))
          : await applyStep(step, cutoff);
      }
      return counts;
    },
  };
}
