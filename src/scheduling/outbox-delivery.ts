// Delivers one claimed outbox row: waits for a rate-limit slot (briefly, else hands the row back),
// calls the platform's gateway and records what happened. Retry policy lives here: a 429 is not an
// attempt (the bucket pauses for Retry-After); a transient failure backs off with full jitter; a
// permanent failure, or too many transient ones, parks the row for the admins.
import type { ChatGateway, Clock, CoreLogger, Platform, SendOutcome } from '../core/ports/index.js';
import type { ClaimedItem, OutboxItem, OutboxRepo } from '../store/outbox.repo.js';
import type { RateLimiter } from './rate-limit.js';

export type DeliveryResult = 'sent' | 'rate_limited' | 'deferred' | 'failed' | 'parked' | 'superseded';

/** A row the sender gave up on, with the reason: the composition tells the admins. */
export interface ParkedItem extends OutboxItem {
  readonly status: 'dead';
  readonly lastError: string;
  readonly code: string;
}

export interface DeliveryPolicy {
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** Longest a claimed row waits in memory for a rate-limit slot before it is handed back to the table. */
  readonly maxHoldMs: number;
  /** Used when a 429 carries no usable Retry-After. */
  readonly defaultRetryAfterMs: number;
}

export interface DeliveryDeps {
  readonly repo: OutboxRepo;
  readonly gateways: Partial<Record<Platform, ChatGateway>>;
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly log: CoreLogger;
  readonly policy: DeliveryPolicy;
  readonly random: () => number;
  readonly onParked?: (item: ParkedItem) => void | Promise<void>;
  /** True once the sender is stopping: rows still waiting for a slot are handed back at once. */
  readonly stopping: () => boolean;
}

/** The rate-limit key of a row: the conversation it posts to. */
export function conversationKey(item: Pick<OutboxItem, 'destination' | 'updateOf'>): string {
  if (item.updateOf) return `conv:${item.updateOf.conversation}`;
  return item.destination.kind === 'dm' ? `dm:${item.destination.memberId}` : `channel:${item.destination.teamId}`;
}

/** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffMs(
  attempt: number,
  policy: Pick<DeliveryPolicy, 'backoffBaseMs' | 'backoffCapMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function deliver(deps: DeliveryDeps, item: ClaimedItem): Promise<DeliveryResult> {
  const { repo, clock, log, policy } = deps;
  const at = () => clock.now().toISOString();
  const later = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

  const park = async (code: string, reason: string, countAttempt: boolean): Promise<DeliveryResult> => {
    const error = `${code}: ${reason}`;
    if (!(await repo.park(item, { at: at(), error, countAttempt }))) return 'superseded';
    const attempts = item.attempts + (countAttempt ? 1 : 0);
    log.warn({ outboxId: item.id, platform: item.platform, code, attempts }, 'outbox message parked');
    const parked: ParkedItem = { ...item, status: 'dead', leaseUntil: null, attempts, lastError: error, code };
    try {
      await deps.onParked?.(parked);
    } catch (err) {
      log.error({ outboxId: item.id, err: errorText(err) }, 'onParked handler failed');
    }
    return 'parked';
  };

  const gateway = deps.gateways[item.platform];
  if (!gateway) return park('NO_GATEWAY', `no chat gateway is configured for platform ${item.platform}`, false);

  const conversation = conversationKey(item);
  for (;;) {
    const slot = deps.limiter.tryAcquire(item.platform, conversation);
    if (slot.ok) break;
    // Holding a claimed row for long would starve other conversations and risk its lease: hand it back.
    if (slot.waitMs > policy.maxHoldMs || deps.stopping()) {
      const ok = await repo.reschedule(item, {
        at: at(),
        nextAttemptAt: later(deps.stopping() ? 0 : slot.waitMs),
        countAttempt: false,
      });
      return ok ? 'deferred' : 'superseded';
    }
    await sleep(slot.waitMs);
  }

  let outcome: SendOutcome;
  try {
    outcome = item.updateOf
      ? await gateway.update(item.updateOf, item.view)
      : await gateway.send(item.destination, item.view);
  } catch (err) {
    // Gateways report platform errors as outcomes; a throw is a bug or a network failure: retry it.
    outcome = { status: 'failed_transient', code: 'EXCEPTION', reason: errorText(err) };
  }

  switch (outcome.status) {
    case 'sent':
      await repo.markSent(item, outcome.ref, { at: at() });
      return 'sent';
    case 'rate_limited': {
      const wait = outcome.retryAfterMs > 0 ? outcome.retryAfterMs : policy.defaultRetryAfterMs;
      deps.limiter.pause(item.platform, outcome.scope === 'global' ? null : conversation, wait);
      log.debug(
        { outboxId: item.id, platform: item.platform, retryAfterMs: wait, scope: outcome.scope ?? 'conversation' },
        'rate limited',
      );
      const ok = await repo.reschedule(item, {
        at: at(),
        nextAttemptAt: later(wait),
        countAttempt: false,
        error: 'RATE_LIMITED',
      });
      return ok ? 'rate_limited' : 'superseded';
    }
    case 'failed_permanent':
      return park(outcome.code, outcome.reason, true);
    case 'failed_transient': {
      const attempt = item.attempts + 1;
      if (attempt >= policy.maxAttempts)
        return park(outcome.code, `${outcome.reason} (after ${attempt} attempts)`, true);
      const delay = backoffMs(attempt, policy, deps.random);
      log.debug(
        { outboxId: item.id, platform: item.platform, code: outcome.code, attempt, delayMs: delay },
        'send failed, retrying',
      );
      const ok = await repo.reschedule(item, {
        at: at(),
        nextAttemptAt: later(delay),
        countAttempt: true,
        error: `${outcome.code}: ${outcome.reason}`,
      });
      return ok ? 'failed' : 'superseded';
    }
  }
}
