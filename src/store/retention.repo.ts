// The retention settings applied to the store (the RetentionRepo port): check-in free text cleared,
// metric values (with their correction history) deleted by the day they are for, delivered messages'
// bodies removed (the row, its dedupe key and message reference stay, so nothing is sent twice and later
// updates and reactions still find the message), audit rows and decisions deleted. One transaction; a
// dry run counts the same rows and rolls back.
import type Database from 'better-sqlite3';
import type { RetentionCutoffs } from '../core/domain/retention.js';
import type { RetentionCounts, RetentionRepo } from '../core/ports.js';

/** The body a delivered message keeps once its retention has passed. */
export const EXPIRED_VIEW = '{"expired":true}';

class DryRun extends Error {
  constructor(readonly counts: RetentionCounts) {
    super('dry run');
  }
}

export function createRetentionRepo(sqlite: Database.Database): RetentionRepo {
  const run = (sql: string, cutoff: string | undefined) => (cutoff === undefined ? 0 : sqlite.prepare(sql).run({ cutoff }).changes);

  const applyAll = sqlite.transaction((c: RetentionCutoffs, dryRun: boolean): RetentionCounts => {
    const counts: RetentionCounts = {
      checkinTexts: run(
        `update check_ins set wins = null, blockers = null where submitted_at < @cutoff and (wins is not null or blockers is not null)`,
        c.checkinText,
      ),
      // Values are dated by day: a value for a day before the cutoff's day has expired.
      metricValueHistory: run(
        `delete from metric_value_history where metric_value_id in (select id from metric_values where date < substr(@cutoff, 1, 10))`,
        c.metricValues,
      ),
      metricValues: run(`delete from metric_values where date < substr(@cutoff, 1, 10)`, c.metricValues),
      outboxBodies: run(
        `update outbox set view = '${EXPIRED_VIEW}' where status = 'sent' and updated_at < @cutoff and view <> '${EXPIRED_VIEW}'`,
        c.outboxBodies,
      ),
      auditRows: run(`delete from audit_log where at < @cutoff`, c.auditLog),
      decisions: run(`delete from decisions where created_at < @cutoff`, c.decisions),
    };
    if (dryRun) throw new DryRun(counts);
    return counts;
  });

  return {
    async apply(cutoffs, { dryRun }) {
      try {
        return applyAll.immediate(cutoffs, dryRun);
      } catch (err) {
        if (err instanceof DryRun) return err.counts;
        throw err;
      }
    },
  };
}
