// node-cron's RunCoordinator backed by the store: for each fire (key `${task name}:${slot ISO}`) the
// first process to take the lease row runs it and every other process sharing the database skips it.
// A finished fire keeps its row for a while, so a late process cannot run it again once the TTL lapses.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RunCoordinator } from 'node-cron';
import type { Clock, CoreLogger } from '../core/ports/index.js';
import type { LeasesRepo } from '../store/leases.repo.js';

export interface StoreRunCoordinator extends RunCoordinator {
  /** This process's identity in the lease rows. */
  readonly owner: string;
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
  onComplete(key: string): Promise<void>;
}

export interface RunCoordinatorOptions {
  readonly leases: LeasesRepo;
  readonly clock: Clock;
  readonly log?: CoreLogger;
  readonly owner?: string;
  /** How long a completed fire stays taken (default 1 h). */
  readonly keepMs?: number;
  /** How often old rows are pruned (default 1 h). */
  readonly pruneEveryMs?: number;
}

export const processOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export function createRunCoordinator(opts: RunCoordinatorOptions): StoreRunCoordinator {
  const owner = opts.owner ?? processOwner();
  const keepMs = opts.keepMs ?? 3_600_000;
  const pruneEveryMs = opts.pruneEveryMs ?? 3_600_000;
  let lastPrune = -Infinity;
  const now = () => opts.clock.now();

  return {
    owner,
    async shouldRun(key, ttlMs) {
      const at = now();
      if (at.getTime() - lastPrune >= pruneEveryMs) {
        lastPrune = at.getTime();
        const pruned = await opts.leases.prune(at.toISOString());
        if (pruned > 0) opts.log?.debug({ pruned }, 'old scheduler leases pruned');
      }
      const won = await opts.leases.acquire(key, owner, { at: at.toISOString(), ttlMs });
      opts.log?.debug({ key, won }, won ? 'fire elected here' : 'fire taken by another process');
      return won;
    },
    async onComplete(key) {
      await opts.leases.extend(key, owner, new Date(now().getTime() + keepMs).toISOString());
    },
  };
}
