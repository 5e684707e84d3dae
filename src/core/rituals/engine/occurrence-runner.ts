// The one path from "this is due" to the outbox: the occurrence row is written first (unique key, so
// a second tick, process or config reload does nothing), then its messages are queued with dedupe keys
// `occ:{key}`, then the row is marked. A crash in between leaves the row `pending`, and the next tick
// delivers it again (the outbox ignores keys it already has).
import type { Team } from '../../domain/model.js';
import type {
  Destination,
  Occurrence,
  OccurrenceInput,
  OccurrenceStatus,
  OccurrenceStatusChange,
  OutboxItemInput,
} from '../../ports/index.js';
import type { View } from '../../view-models.js';
import type { CoreContext } from '../deps.js';
import { findTeam } from '../queries/team-lookup.js';
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
  readonly outcome?: {
    readonly status: Extract<OccurrenceStatus, 'skipped' | 'missed' | 'done'>;
    readonly reason: string;
  };
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
  return {
    sent: a.sent + b.sent,
    skipped: a.skipped + b.skipped,
    missed: a.missed + b.missed,
    failed: a.failed + b.failed,
  };
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

// Rows written per chunk of a fire (a few transactions each).
const PLACE_CHUNK = 250;
// Messages built between two yields to the event loop: a fan-out of thousands of prompts, over one
// team or many, lets requests and the outbox sender run every few milliseconds.
const BUILDS_PER_YIELD = 25;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class OccurrenceRunner {
  private builds = 0;

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
   * Records planned occurrences unless their keys exist (one past the grace window as missed), and runs
   * those due with deliverAll, which places their follow-ups. A whole
   * fire is written in chunks, each chunk in a few transactions, yielding to the event loop as messages
   * are built (see pace): a 5,000-member fan-out neither holds the loop nor pays one commit per row.
   */
  async placeAll(team: Team, planned: readonly PlannedOccurrence[], now: Date): Promise<RunCounts> {
    let counts = zeroCounts();
    const at = now.toISOString();
    for (let i = 0; i < planned.length; i += PLACE_CHUNK) {
      await this.pace(Math.min(PLACE_CHUNK, planned.length - i) / 10);
      const inputs = planned.slice(i, i + PLACE_CHUNK).map((p) => this.input(team, p, now, false));
      const results = await this.ctx.repos.occurrences.insertMany(inputs, { at });
      const pending: Occurrence[] = [];
      for (const { occurrence, created } of results) {
        if (!created) continue;
        if (occurrence.status === 'pending') {
          pending.push(occurrence);
          continue;
        }
        if (occurrence.status !== 'scheduled')
          this.count(team.id, occurrence.ritual, occurrence.status, occurrence.reason);
        if (occurrence.status === 'skipped') counts.skipped++;
        if (occurrence.status === 'missed') counts.missed++;
      }
      for (const c of await this.deliverAll(pending, team, now)) counts = addCounts(counts, c);
    }
    return counts;
  }

  private input(team: Team, p: PlannedOccurrence, now: Date, followUp: boolean): OccurrenceInput {
    const due = p.dueAt.getTime() <= now.getTime();
    let status: OccurrenceStatus = p.status ?? 'pending';
    let reason = p.reason ?? null;
    if (status !== 'skipped' && due && (this.isLate(p.dueAt, now) || (followUp && status === 'scheduled'))) {
      status = 'missed';
      reason = followUp ? 'superseded' : 'late';
    } else if (status === 'scheduled' && due) {
      status = 'pending';
    }
    const key = occurrenceKey(team.id, p.ritual, p.periodKey, p.memberId);
    return {
      key,
      teamId: team.id,
      ritual: p.ritual,
      periodKey: p.periodKey,
      memberId: p.memberId,
      status,
      dueAt: p.dueAt.toISOString(),
      reason,
    };
  }

  /**
   * Runs pending occurrences (or scheduled ones now due) of one team: each one's messages are built,
   * then all of them queued at once, then their follow-ups placed and their rows marked. Counts per
   * occurrence, in order. A failure leaves the rows pending: the next tick tries again until the grace
   * window is over.
   */
  async deliverAll(occs: readonly Occurrence[], team: Team, now: Date): Promise<RunCounts[]> {
    const at = now.toISOString();
    const counts = occs.map(() => zeroCounts());
    const changes: OccurrenceStatusChange[] = [];
    const built: { index: number; occ: Occurrence; delivery: Delivery }[] = [];
    const toPending: OccurrenceStatusChange[] = [];
    for (const [index, occ] of occs.entries()) {
      const deliverer = this.delivererOf(occ.ritual);
      if (!deliverer) {
        changes.push({ id: occ.id, status: 'skipped', reason: 'unknown_ritual' });
        counts[index]!.skipped++;
        continue;
      }
      if (occ.status !== 'pending') toPending.push({ id: occ.id, status: 'pending' });
      await this.pace(1);
      try {
        built.push({ index, occ, delivery: await deliverer(occ, team, now) });
      } catch (err) {
        this.failed(team, occ, err);
        counts[index]!.failed++;
      }
    }
    await this.ctx.repos.occurrences.setStatusMany(toPending, { at });
    try {
      const items = built.flatMap(({ occ, delivery }) => delivery.items.map((i) => ({ ...i, occurrenceId: occ.id })));
      const { inserted } =
        items.length > 0 ? await this.ctx.outbox.enqueue(items, { at }) : { inserted: [] as boolean[] };
      let next = 0;
      for (const { index, delivery } of built) {
        for (let k = 0; k < delivery.items.length; k++) if (inserted[next++]) counts[index]!.sent++;
        counts[index]!.sent += delivery.sentElsewhere ?? 0;
        counts[index]!.skipped += delivery.unreachable ?? 0;
      }
    } catch (err) {
      // The whole batch stays pending (the next tick, or this tick's repair pass, queues it): one line.
      for (const { index, occ } of built) {
        this.ctx.metrics.inc('ritual_failures_total', { team: team.id, ritual: occ.ritual });
        counts[index]!.failed++;
      }
      const rituals = [...new Set(built.map((b) => b.occ.ritual))];
      this.ctx.log.error(
        { team: team.id, rituals, occurrences: built.length, err: errorInfo(err) },
        'ritual occurrences failed to queue',
      );
      await this.ctx.repos.occurrences.setStatusMany(changes, { at });
      return counts;
    }
    const followUps: { index: number; p: PlannedOccurrence }[] = [];
    for (const { index, occ, delivery } of built) {
      try {
        await delivery.after?.();
      } catch (err) {
        this.failed(team, occ, err);
        counts[index]!.failed++;
        continue;
      }
      for (const p of delivery.followUps ?? []) followUps.push({ index, p });
    }
    // Follow-ups are scheduled (or missed when already due): placing them sends nothing, so they are
    // written together and their counts go to the occurrence that planned them.
    if (followUps.length > 0) {
      const inputs = followUps.map(({ p }) => this.input(team, p, now, true));
      const results = await this.ctx.repos.occurrences.insertMany(inputs, { at });
      const due: { index: number; occ: Occurrence }[] = [];
      results.forEach(({ occurrence, created }, k) => {
        if (!created) return;
        const index = followUps[k]!.index;
        if (occurrence.status === 'pending') due.push({ index, occ: occurrence });
        else if (occurrence.status === 'missed') {
          this.count(team.id, occurrence.ritual, 'missed', occurrence.reason);
          counts[index]!.missed++;
        } else if (occurrence.status === 'skipped')
          this.count(team.id, occurrence.ritual, 'skipped', occurrence.reason);
      });
      if (due.length > 0) {
        const dueCounts = await this.deliverAll(
          due.map((d) => d.occ),
          team,
          now,
        );
        dueCounts.forEach((c, k) => {
          const target = counts[due[k]!.index]!;
          target.sent += c.sent;
          target.missed += c.missed;
        });
      }
    }
    for (const { index, occ, delivery } of built) {
      if (counts[index]!.failed > 0) continue;
      const outcome = delivery.outcome;
      const status: OccurrenceStatus =
        outcome?.status ?? (delivery.items.length > 0 || delivery.sentElsewhere ? 'enqueued' : 'done');
      changes.push({ id: occ.id, status, reason: outcome?.reason ?? occ.reason });
      if (status === 'skipped') counts[index]!.skipped++;
      if (status === 'missed') counts[index]!.missed++;
      this.count(team.id, occ.ritual, status, outcome?.reason);
      this.ctx.metrics.inc(
        'ritual_messages_enqueued_total',
        { team: team.id, ritual: occ.ritual },
        counts[index]!.sent,
      );
    }
    await this.ctx.repos.occurrences.setStatusMany(changes, { at });
    return counts;
  }

  /** Counts work done since the last yield, and yields to the event loop once it is a slice's worth. */
  private async pace(work: number): Promise<void> {
    this.builds += work;
    if (this.builds < BUILDS_PER_YIELD) return;
    this.builds = 0;
    await (this.ctx.pause ?? yieldToLoop)();
  }

  private failed(team: Team, occ: Occurrence, err: unknown): void {
    this.ctx.metrics.inc('ritual_failures_total', { team: team.id, ritual: occ.ritual });
    this.ctx.log.error(
      { team: team.id, ritual: occ.ritual, period: occ.periodKey, occurrence: occ.id, err: errorInfo(err) },
      'ritual occurrence failed',
    );
  }

  /** Pending rows left by a crash and scheduled rows now due: delivered (a team's rows together), or missed when too old. */
  async runDue(now: Date, onRun: (occ: Occurrence, counts: RunCounts) => void): Promise<void> {
    const at = now.toISOString();
    const rows = await this.ctx.repos.occurrences.listDue(['pending', 'scheduled'], at);
    // Consecutive rows of one team (rows come oldest first) are delivered in one batch.
    for (let i = 0; i < rows.length; ) {
      const teamId = rows[i]!.teamId;
      let j = i;
      while (j < rows.length && j - i < PLACE_CHUNK && rows[j]!.teamId === teamId) j++;
      const batch = rows.slice(i, j);
      i = j;
      const team = findTeam(this.ctx.workspace(), teamId);
      if (!team) {
        await this.ctx.repos.occurrences.setStatusMany(
          batch.map((o) => ({ id: o.id, status: 'skipped' as const, reason: 'team_removed' })),
          { at },
        );
        for (const occ of batch) onRun(occ, { ...zeroCounts(), skipped: 1 });
        continue;
      }
      const late = batch.filter((o) => this.isLate(new Date(o.dueAt), now));
      const live = batch.filter((o) => !this.isLate(new Date(o.dueAt), now));
      await this.ctx.repos.occurrences.setStatusMany(
        late.map((o) => ({ id: o.id, status: 'missed' as const, reason: 'late' })),
        { at },
      );
      for (const occ of late) {
        this.count(team.id, occ.ritual, 'missed', 'late');
        onRun(occ, { ...zeroCounts(), missed: 1 });
      }
      const counts = await this.deliverAll(live, team, now);
      for (const [k, occ] of live.entries()) onRun(occ, counts[k]!);
      await this.pace(batch.length / 10);
    }
  }
}

export function errorInfo(err: unknown): Record<string, unknown> {
  if (err instanceof Error)
    return {
      name: err.name,
      message: err.message,
      ...('code' in err ? { code: (err as { code: unknown }).code } : {}),
    };
  return { message: String(err) };
}
