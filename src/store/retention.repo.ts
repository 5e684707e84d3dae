// The retention settings applied to the store (the RetentionRepo port): check-in free text cleared,
// metric values (with their correction history) deleted by the day they are for, delivered messages'
// bodies removed (the row, its dedupe key and message reference stay, so nothing is sent twice and later
// updates and reactions still find the message), audit rows and decisions deleted. Rows go in batches,
// each its own short write transaction: the first run on a large database removes hundreds of thousands
// of rows, and the bot's writers must not wait for all of them. A dry run counts the same rows.
import type Database from 'better-sqlite3';
import type { RetentionCutoffs } from '../core/domain/retention.js';
import type { RetentionCounts, RetentionRepo } from '../core/ports/index.js';

/** The body a delivered message keeps once its retention has passed. */
export const EXPIRED_VIEW = '{"expired":true}';

const BATCH = 5_000;

interface Step {
  readonly count: keyof RetentionCounts;
  readonly table: string;
  /** Rows that expire, over @cutoff; must stop matching once the step has run on them. */
  readonly where: string;
  /** `delete`, or the `set` clause of an update. */
  readonly change: 'delete' | string;
}

// Values are dated by day: a value for a day before the cutoff's day has expired. History rows go before
// the values they belong to (foreign key).
const STEPS: Readonly<Record<keyof RetentionCutoffs, readonly Step[]>> = {
  checkinText: [
    {
      count: 'checkinTexts',
      table: 'check_ins',
      where: `submitted_at < @cutoff and (wins is not null or blockers is not null)`,
      change: 'wins = null, blockers = null',
    },
  ],
  metricValues: [
    {
      count: 'metricValueHistory',
      table: 'metric_value_history',
      where: `metric_value_id in (select id from metric_values where date < substr(@cutoff, 1, 10))`,
      change: 'delete',
    },
    { count: 'metricValues', table: 'metric_values', where: `date < substr(@cutoff, 1, 10)`, change: 'delete' },
  ],
  outboxBodies: [
    {
      count: 'outboxBodies',
      table: 'outbox',
      where: `status = 'sent' and updated_at < @cutoff and view <> '${EXPIRED_VIEW}'`,
      change: `view = '${EXPIRED_VIEW}'`,
    },
  ],
  auditLog: [{ count: 'auditRows', table: 'audit_log', where: `at < @cutoff`, change: 'delete' }],
  decisions: [{ count: 'decisions', table: 'decisions', where: `created_at < @cutoff`, change: 'delete' }],
};

export function createRetentionRepo(sqlite: Database.Database): RetentionRepo {
  const countOf = (step: Step, cutoff: string) =>
    (sqlite.prepare(`select count(*) as n from "${step.table}" where ${step.where}`).get({ cutoff }) as { n: number })
      .n;

  const applyStep = (step: Step, cutoff: string): number => {
    const batch = `select rowid from "${step.table}" where ${step.where} limit ${BATCH}`;
    const stmt = sqlite.prepare(
      step.change === 'delete'
        ? `delete from "${step.table}" where rowid in (${batch})`
        : `update "${step.table}" set ${step.change} where rowid in (${batch})`,
    );
    const once = sqlite.transaction(() => stmt.run({ cutoff }).changes);
    let total = 0;
    for (;;) {
      const n = once.immediate();
      total += n;
      if (n < BATCH) return total;
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
      for (const [kind, steps] of Object.entries(STEPS) as [keyof RetentionCutoffs, readonly Step[]][]) {
        const cutoff = cutoffs[kind];
        if (cutoff === undefined) continue;
        for (const step of steps) counts[step.count] += dryRun ? countOf(step, cutoff) : applyStep(step, cutoff);
      }
      return counts;
    },
  };
}
