// The one path from "this is due" to the outbox: the occurrence row is written first (unique key, so
// a second tick, process or config reload does nothing), then its messages are queued with dedupe keys
// `occ:{key}`, then the row is marked. A crash in between leaves the row `pending`, and the next tick
// delivers it again (the outbox ignores keys it already has).
import type { Team } from '../domain/model.js';
import type { Destination, Occurrence, OccurrenceStatus, OutboxItemInput } from '../ports.js';
import type { View } from '../views.js';
import type { CoreContext } from './deps.js';
import { findTeam } from './team-lookup.js';
import { minutesBetween } from './wall-clock.js';

export interface PlannedOccurrence {
  readonly ritual: string;
  readonly periodKey: string;
  readonly memberId: string | null;
  readonly dueAt: Date;
  /** pending (default): run now; scheduled: later; skipped: recorded only. */
  readonly status?: 'pending' | 'scheduled' | 'skipped';
  readonly reason?: string;
}

export interface Delivery {
  readonly items: readonly OutboxItemInput[];
  readonly followUps?: readonly PlannedOccurrence[];
  /** Nothing to send, on purpose: the row ends in this status. */
  readonly outcome?: { readonly status: Extract<OccurrenceStatus, 'skipped' | 'missed' | 'done'>; readonly reason: string };
  /** Messages the use case queued itself (breach nudges), counted as sent. */
  readonly sentElsewhere?: number;
  /** Recipients left out because no platform reaches them. */
  readonly unreachable?: number;
  /** Runs once the items are queued (e.g. mark a breach escalated). */
  readonly after?: () => Promise<void>;
}

export type Deliverer = (occ: Occurrence, team: Team, now: Date) => Promise<Delivery>;

export interface RunCounts {
  sent: number;
  skipped: number;
  missed: number;
  failed: number;
}

export const zeroCounts = (): RunCounts => ({ sent: 0, skipped: 0, missed: 0, failed: 0 });

export function addCounts(a: RunCounts, b: RunCounts): RunCounts {
  return { sent: a.sent + b.sent, skipped: a.skipped + b.skipped, missed: a.missed + b.missed, failed: a.failed + b.failed };
}

/** Runs on demand carry a `~stamp` after the period key, so they never collide with the scheduled run. */
export function basePeriodKey(periodKey: string): string {
  return periodKey.split('~')[0]!;
}

export function occurrenceKey(teamId: string, ritual: string, periodKey: string, memberId: string | null): string {
  return `${teamId}:${ritual}:${periodKey}:${memberId ?? '*'}`;
}

/** An outbox item for a destination, or undefined when no platform reaches it. */
export function outboxItem(
  ctx: CoreContext,
  destination: Destination,
  view: View,
  dedupeKey: string,
  extra: Pick<OutboxItemInput, 'updateOf' | 'notBefore'> = {},
): OutboxItemInput | undefined {
  const platform = extra.updateOf?.platform ?? ctx.platformFor(destination);
  if (!platform) return undefined;
  return { dedupeKey, platform, destination, view, ...extra };
}

export class OccurrenceRunner {
  constructor(
    private readonly ctx: CoreContext,
    private readonly delivererOf: (ritual: string) => Deliverer | undefined,
  ) {}

  private isLate(dueAt: Date, now: Date): boolean {
    return minutesBetween(dueAt, now) > this.ctx.graceMinutes;
  }

  private count(team: string, ritual: string, status: string, reason?: string | null): void {
    this.ctx.metrics.inc('ritual_occurrences_total', { team, ritual, status, ...(reason ? { reason } : {}) });
  }

  /**
   * Records a planned occurrence unless its key exists, and runs it when due. Follow-ups already due
   * when planned (a reminder caught up together with its prompt) are recorded as missed, not sent.
   */
  async place(team: Team, p: PlannedOccurrence, now: Date, opts: { followUp?: boolean } = {}): Promise<RunCounts> {
    const counts = zeroCounts();
    const due = p.dueAt.getTime() <= now.getTime();
    let status: OccurrenceStatus = p.status ?? 'pending';
    let reason = p.reason ?? null;
    if (status !== 'skipped' && due && (this.isLate(p.dueAt, now) || (opts.followUp && status === 'scheduled'))) {
      status = 'missed';
      reason = opts.followUp ? 'superseded' : 'late';
    } else if (status === 'scheduled' && due) {
      status = 'pending';
    }
    const key = occurrenceKey(team.id, p.ritual, p.periodKey, p.memberId);
    const { occurrence, created } = await this.ctx.repos.occurrences.insert(
      { key, teamId: team.id, ritual: p.ritual, periodKey: p.periodKey, memberId: p.memberId, status, dueAt: p.dueAt.toISOString(), reason },
      { at: now.toISOString() },
    );
    if (!created) return counts;
    if (status === 'pending') return this.deliver(occurrence, team, now);
    if (status !== 'scheduled') this.count(team.id, p.ritual, status, reason);
    if (status === 'skipped') counts.skipped++;
    if (status === 'missed') counts.missed++;
    return counts;
  }

  /** Runs a pending occurrence, or a scheduled one now due. */
  async deliver(occ: Occurrence, team: Team, now: Date): Promise<RunCounts> {
    const counts = zeroCounts();
    const at = now.toISOString();
    const deliverer = this.delivererOf(occ.ritual);
    if (!deliverer) {
      await this.ctx.repos.occurrences.setStatus(occ.id, 'skipped', { at, reason: 'unknown_ritual' });
      counts.skipped++;
      return counts;
    }
    if (occ.status !== 'pending') await this.ctx.repos.occurrences.setStatus(occ.id, 'pending', { at });
    let delivery: Delivery;
    try {
      delivery = await deliverer(occ, team, now);
      const items = delivery.items.map((i) => ({ ...i, occurrenceId: occ.id }));
      if (items.length > 0) counts.sent += (await this.ctx.outbox.enqueue(items, { at })).enqueued;
      counts.sent += delivery.sentElsewhere ?? 0;
      counts.skipped += delivery.unreachable ?? 0;
      await delivery.after?.();
      for (const f of delivery.followUps ?? []) {
        const c = await this.place(team, f, now, { followUp: true });
        counts.sent += c.sent;
        counts.missed += c.missed;
      }
    } catch (err) {
      // Left pending: the next tick tries again until the grace window is over.
      counts.failed++;
      this.ctx.metrics.inc('ritual_failures_total', { team: team.id, ritual: occ.ritual });
      this.ctx.log.error({ team: team.id, ritual: occ.ritual, period: occ.periodKey, occurrence: occ.id, err: errorInfo(err) }, 'ritual occurrence failed');
      return counts;
    }
    const outcome = delivery.outcome;
    const status: OccurrenceStatus = outcome?.status ?? (delivery.items.length > 0 || delivery.sentElsewhere ? 'enqueued' : 'done');
    await this.ctx.repos.occurrences.setStatus(occ.id, status, { at, reason: outcome?.reason ?? occ.reason });
    if (status === 'skipped') counts.skipped++;
    if (status === 'missed') counts.missed++;
    this.count(team.id, occ.ritual, status, outcome?.reason);
    this.ctx.metrics.inc('ritual_messages_enqueued_total', { team: team.id, ritual: occ.ritual }, counts.sent);
    return counts;
  }

  /** Pending rows left by a crash and scheduled rows now due: delivered, or missed when too old. */
  async runDue(now: Date, onRun: (occ: Occurrence, counts: RunCounts) => void): Promise<void> {
    const rows = await this.ctx.repos.occurrences.listDue(['pending', 'scheduled'], now.toISOString());
    for (const occ of rows) {
      const team = findTeam(this.ctx.workspace(), occ.teamId);
      const counts = zeroCounts();
      if (!team) {
        await this.ctx.repos.occurrences.setStatus(occ.id, 'skipped', { at: now.toISOString(), reason: 'team_removed' });
        counts.skipped++;
      } else if (this.isLate(new Date(occ.dueAt), now)) {
        await this.ctx.repos.occurrences.setStatus(occ.id, 'missed', { at: now.toISOString(), reason: 'late' });
        this.count(team.id, occ.ritual, 'missed', 'late');
        counts.missed++;
      } else {
        Object.assign(counts, await this.deliver(occ, team, now));
      }
      onRun(occ, counts);
    }
  }
}

export function errorInfo(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, ...('code' in err ? { code: (err as { code: unknown }).code } : {}) };
  return { message: String(err) };
}
