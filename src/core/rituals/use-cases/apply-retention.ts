// Use case: apply the workspace's retention settings as of `now` (the daily job, `rituals retention
// apply`). Computes each kind's cutoff from the config (defaults when the config sets none), hands them
// to the store, and logs what was removed: counts and cutoffs only, never the data.
import type { Workspace } from '../../domain/model.js';
import {
  DEFAULT_RETENTION,
  type RetentionCutoffs,
  type RetentionPolicy,
  retentionCutoffs,
} from '../../domain/retention.js';
import type { CoreLogger, RetentionCounts, RetentionRepo } from '../../ports/index.js';

export interface RetentionRun {
  readonly at: string;
  readonly dryRun: boolean;
  readonly policy: RetentionPolicy;
  readonly cutoffs: RetentionCutoffs;
  readonly counts: RetentionCounts;
}

export interface RetentionDeps {
  readonly workspace: () => Workspace;
  readonly retention: RetentionRepo;
  readonly log: CoreLogger;
}

export async function applyRetention(
  deps: RetentionDeps,
  now: Date,
  opts: { readonly dryRun?: boolean } = {},
): Promise<RetentionRun> {
  const dryRun = opts.dryRun ?? false;
  const policy = deps.workspace().defaults.retention ?? DEFAULT_RETENTION;
  const cutoffs = retentionCutoffs(policy, now);
  const counts = await deps.retention.apply(cutoffs, { dryRun });
  deps.log.info({ area: 'retention', dryRun, cutoffs, ...counts }, dryRun ? 'retention dry run' : 'retention applied');
  return { at: now.toISOString(), dryRun, policy, cutoffs, counts };
}
