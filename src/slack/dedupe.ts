// What the Slack adapter has already handled: event ids across Slack's retries (X-Slack-Retry-Num) and
// view submissions across replays. This process's memory answers first, with no I/O; the store's
// processed keys (shared by every replica on the database) answer next, so a retry that the load balancer
// sends to another replica is dropped there too. Without a store (tests, one process) memory alone.
// A store that fails is logged and does not block the request: the memory check has already passed.
// Expired keys are pruned now and then, after the request, off the answer path.
import type { ProcessedKeysRepo } from '../store/processed-keys.repo.js';
import { BoundedCache } from './bounded-cache.js';
import { errorFields, type SlackLog } from './log.js';

export interface SlackDedupe {
  /** True the first time `eventId` arrives here or at any process sharing the store; false for a retry. */
  firstDelivery(eventId: string): Promise<boolean>;
  /** True when this submission (view id + hash) was applied, here or by another process. */
  submissionHandled(key: string): Promise<boolean>;
  /** Records an applied submission: a replay of it is acknowledged and changes nothing. */
  markSubmissionHandled(key: string): Promise<void>;
  /** Waits for a prune in progress (before the store closes). */
  idle(): Promise<void>;
}

const HOUR = 3_600_000;
/** Slack retries an event three times within about five minutes: an hour is ample. */
export const EVENT_TTL_MS = HOUR;
/** A modal is open for at most a day; a submission replayed later is a new one. */
export const SUBMISSION_TTL_MS = 24 * HOUR;

export function createSlackDedupe(opts: {
  readonly keys?: ProcessedKeysRepo;
  readonly log: SlackLog;
  readonly now?: () => number;
  /** How often expired keys are pruned (default 1 h). */
  readonly pruneEveryMs?: number;
}): SlackDedupe {
  const { keys, log } = opts;
  const now = opts.now ?? Date.now;
  const pruneEveryMs = opts.pruneEveryMs ?? HOUR;
  const events = new BoundedCache<string, true>(20_000, EVENT_TTL_MS, now);
  const submissions = new BoundedCache<string, true>(10_000, SUBMISSION_TTL_MS, now);
  const iso = () => new Date(now()).toISOString();
  let lastPrune = now();
  let pruning: Promise<void> = Promise.resolve();

  const maybePrune = () => {
    if (!keys || now() - lastPrune < pruneEveryMs) return;
    lastPrune = now();
    pruning = keys.prune(iso()).then(
      (pruned) => {
        if (pruned > 0) log.debug({ pruned }, 'expired slack dedupe keys pruned');
      },
      (err) => log.warn({ err: errorFields(err) }, 'pruning slack dedupe keys failed'),
    );
  };

  return {
    async firstDelivery(eventId) {
      if (!events.claim(eventId, true)) return false;
      if (!keys) return true;
      try {
        return await keys.claim(`slack:event:${eventId}`, { kind: 'slack_event', at: iso(), ttlMs: EVENT_TTL_MS });
      } catch (err) {
        log.warn({ err: errorFields(err), eventId }, 'slack event dedupe store unavailable, memory only');
        return true;
      } finally {
        maybePrune();
      }
    },

    async submissionHandled(key) {
      if (submissions.has(key)) return true;
      if (!keys) return false;
      try {
        if (!(await keys.seen(key, iso()))) return false;
        submissions.set(key, true);
        return true;
      } catch (err) {
        log.warn({ err: errorFields(err) }, 'slack submission dedupe store unavailable, memory only');
        return false;
      }
    },

    async markSubmissionHandled(key) {
      submissions.set(key, true);
      if (!keys) return;
      try {
        await keys.claim(key, { kind: 'slack_submission', at: iso(), ttlMs: SUBMISSION_TTL_MS });
      } catch (err) {
        log.warn({ err: errorFields(err) }, 'slack submission not recorded in the store, memory only');
      } finally {
        maybePrune();
      }
    },

    idle: () => pruning,
  };
}
