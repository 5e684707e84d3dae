// Use case: submit (or edit, until the deadline) a check-in. Validated by validate-check-in.ts; stored
// idempotently by key; the week's numbers become metric values (source `checkin`, one per KPI and
// period, replaced with history on edit) dated on the period's last working day, or today while the week
// runs; then the breach scan runs, and the prompt message is updated in place with the confirmation.

import { addDays } from '../../domain/calendar-days.js';
import { isWorkingDay, teamCalendar } from '../../domain/working-days.js';
import { localDateOf, startOfDayInZone } from '../../domain/zoned-time.js';
import { DomainError } from '../../errors.js';
import { formatValue } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import type { CheckIn, MessageRef } from '../../ports/index.js';
import type { CheckInSubmission, SubmitResult } from '../../service.js';
import { confirmationView } from '../../view-builders/checkin-views.js';
import { describeError } from '../../view-builders/notice.js';
import type { CheckInConfirmationView } from '../../view-models.js';
import type { Actor } from '../actor.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { type CheckInWindow, periodState } from '../engine/checkin-window.js';
import type { RitualEngine } from '../engine/engine.js';
import { errorInfo, occurrenceKey, outboxItem } from '../engine/occurrence-runner.js';
import { memberStanding } from '../queries/member-objectives.js';
import { outlierOf, pastWeeklyValues } from '../queries/outlier-check.js';
import { validateCheckIn } from '../validate-check-in.js';
import { buildCheckInForm, checkInKpis, checkInValueDate, lastWorkingDayOf, openPeriod } from './check-in-form.js';

export const FORM_ERROR = '_form';

/** The last instant of a day in a zone. */
export function endOfDay(date: string, zone: string): Date {
  return new Date(new Date(startOfDayInZone(addDays(date, 1), zone)).getTime() - 1);
}

const minInstant = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);

function parseMetadata(metadata: string): { member?: string; period?: string; confirm?: unknown } {
  try {
    const m = JSON.parse(metadata) as unknown;
    return m && typeof m === 'object' ? (m as { member?: string; period?: string; confirm?: unknown }) : {};
  } catch {
    return {};
  }
}

/**
 * Values far above the rep's own history that were not confirmed yet (KPI id -> value), each with its
 * message. A value is confirmed when the form that showed it is submitted again with the same value.
 */
async function unconfirmedOutliers(
  ctx: CoreContext,
  actor: Actor,
  period: CheckInWindow['period'],
  values: Readonly<Record<string, number>>,
  confirmed: unknown,
): Promise<{ values: Record<string, number>; errors: Record<string, string> }> {
  const shown = confirmed && typeof confirmed === 'object' ? (confirmed as Record<string, unknown>) : {};
  const history = await pastWeeklyValues(ctx, actor.member.id, period);
  const out = { values: {} as Record<string, number>, errors: {} as Record<string, string> };
  for (const kpi of checkInKpis(ctx, actor.member)) {
    const v = values[kpi.id];
    const o = v === undefined ? undefined : outlierOf(v, history[kpi.id] ?? []);
    if (!o || shown[kpi.id] === v) continue;
    out.values[kpi.id] = v!;
    out.errors[kpi.id] = t(actor.locale, 'checkin.confirm.outlier', {
      value: formatValue(actor.locale, v!, kpi.unit),
      median: formatValue(actor.locale, o.median, kpi.unit),
      weeks: o.weeks,
    });
  }
  return out;
}

async function confirmation(
  ctx: CoreContext,
  actor: Actor,
  window: CheckInWindow,
  checkIn: CheckIn,
  now: Date,
  valueDate: string,
): Promise<CheckInConfirmationView> {
  const ws = ctx.workspace();
  // A late answer (or its edit) is about a week already over: its figures as they stood on the day its
  // values are dated (the week's last working day), in that day's month, not those of today's month.
  const asOf = minInstant(now, endOfDay(valueDate, actor.team.timezone));
  // The confirmation shows the member's own lines, not their rank: their rows alone, not the team's report.
  const standing = await memberStanding(reportsOf(ctx), actor.team, actor.member, asOf, actor.locale, { rank: false });
  return confirmationView({
    locale: actor.locale,
    period: window.period,
    kpis: checkInKpis(ctx, actor.member),
    values: checkIn.values,
    submittedAt: new Date(checkIn.submittedAt),
    zone: window.zone,
    lines: standing.lines,
    editable: periodState(ws, window, now) === 'open',
  });
}

export async function submitCheckIn(
  ctx: CoreContext,
  engine: Pick<RitualEngine, 'scanBreaches'>,
  actor: Actor,
  input: CheckInSubmission,
): Promise<SubmitResult<CheckInConfirmationView>> {
  const ws = ctx.workspace();
  const now = ctx.clock.now();
  const { member, team, locale } = actor;
  const meta = parseMetadata(input.metadata);
  const formError = async (message: string, periodKey?: string) => ({
    ok: false as const,
    form: await buildCheckInForm(ctx, actor, periodKey, {
      errors: { [FORM_ERROR]: message },
      prefill: { typed: input.numbers, wins: input.wins ?? null, blockers: input.blockers ?? null },
    }).catch(() => buildCheckInForm(ctx, actor, undefined, { errors: { [FORM_ERROR]: message } })),
  });
  if (typeof meta.period !== 'string' || (meta.member !== undefined && meta.member !== member.id)) {
    return formError(describeError(locale, new DomainError('FORM.BAD_METADATA', 'bad check-in form metadata')).body);
  }
  let window: CheckInWindow;
  try {
    window = openPeriod(ctx, team, member, meta.period, now, locale).window;
  } catch (err) {
    if (err instanceof DomainError) return formError(describeError(locale, err).body);
    throw err;
  }
  const kpis = checkInKpis(ctx, member);
  const checked = validateCheckIn({
    fields: kpis.map((kpi) => ({ kpi, required: true })),
    numbers: input.numbers,
    wins: input.wins,
    blockers: input.blockers,
    locale,
  });
  if (!checked.ok) {
    const form = await buildCheckInForm(ctx, actor, undefined, {
      period: window.period,
      errors: checked.errors,
      prefill: { typed: input.numbers, wins: input.wins ?? null, blockers: input.blockers ?? null },
    });
    return { ok: false, form };
  }
  // Implausibly high against the rep's own history: shown again to confirm instead of stored.
  const outliers = await unconfirmedOutliers(ctx, actor, window.period, checked.values, meta.confirm);
  if (Object.keys(outliers.values).length > 0) {
    const form = await buildCheckInForm(ctx, actor, undefined, {
      period: window.period,
      errors: outliers.errors,
      confirm: outliers.values,
      prefill: { typed: input.numbers, wins: input.wins ?? null, blockers: input.blockers ?? null },
    });
    return { ok: false, form };
  }

  const at = now.toISOString();
  const calendar = teamCalendar(ws, team);
  const date = checkInValueDate(
    lastWorkingDayOf(window.period, (d) => isWorkingDay(d, calendar)),
    window.period,
    localDateOf(at, team.timezone),
  );
  const { checkIn, duplicate } = await ctx.repos.checkIns.submit({
    memberId: member.id,
    teamId: team.id,
    periodKey: window.period.key,
    values: checked.values,
    wins: checked.wins,
    blockers: checked.blockers,
    idempotencyKey: input.idempotencyKey,
    submittedAt: at,
    platform: input.platform,
  });
  if (!duplicate) {
    await ctx.repos.metricValues.upsertMany(
      Object.entries(checkIn.values).map(([kpiId, value]) => ({
        memberId: member.id,
        teamId: team.id,
        kpiId,
        date,
        value,
        source: 'checkin' as const,
        externalId: `checkin:${member.id}:${window.period.key}:${kpiId}`,
      })),
      { at },
    );
    ctx.metrics.inc('checkins_submitted_total', { team: team.id });
    try {
      await engine.scanBreaches(team.id, now);
    } catch (err) {
      // The answer is stored; the daily scan catches up on the breach.
      ctx.log.error({ team: team.id, member: member.id, err: errorInfo(err) }, 'breach scan after check-in failed');
    }
  }

  const view = await confirmation(ctx, actor, window, checkIn, now, date);
  const ref: MessageRef | undefined = await ctx.outbox.deliveredRef(
    `occ:${occurrenceKey(team.id, 'checkin', window.period.key, member.id)}`,
  );
  if (ref) {
    const item = outboxItem(ctx, { kind: 'dm', memberId: member.id }, view, `confirm:${checkIn.id}`, { updateOf: ref });
    if (item) await ctx.outbox.enqueue([item], { at });
  }
  return { ok: true, view, ...(ref ? { updateRef: ref } : {}) };
}
