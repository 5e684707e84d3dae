// Use cases behind a QBR proposal's buttons: accept the proposed target, or change it through the target
// form. Only the objective's approver and the team's managers may; every change goes through
// ObjectivesRepo.changeTarget (target history + audit log), from the next quarter's first day.
import { addDays, isIsoDate } from '../../domain/calendar-days.js';
import type { CollectiveObjective, Team } from '../../domain/model.js';
import { collectiveTargetInForce } from '../../domain/targets.js';
import { DomainError } from '../../errors.js';
import { formatDate, formatValue } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import type { InteractionResult, SubmitResult, TargetChangeSubmission } from '../../service.js';
import { targetFormView } from '../../view-builders/form-views.js';
import { notice } from '../../view-builders/notice.js';
import { collectiveLabel } from '../../view-builders/progress-view.js';
import type { NoticeView } from '../../view-models.js';
import { type Actor, teamFor } from '../actor.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { isManagerOf } from '../queries/team-lookup.js';
import { ABSURD_VALUE, parseLocaleNumber, storedValue, TEXT_MAX_LENGTH } from '../validate-check-in.js';
import { objectiveIdOf } from './scan-breaches.js';

interface ProposalRef {
  readonly team?: string;
  readonly objective?: string;
  readonly target?: number;
  readonly from?: string;
}

function parse(text: string): ProposalRef {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as ProposalRef) : {};
  } catch {
    return {};
  }
}

function objectiveFor(
  ctx: CoreContext,
  actor: Actor,
  ref: ProposalRef,
): { team: Team; objective: CollectiveObjective; from: string } {
  const team = teamFor(ctx.workspace(), actor, ref.team);
  const objective = team.collective.find((c) => c.id === ref.objective);
  // `from` comes back from a button or a form: a day it must be, or it would be stored in the schedule.
  if (!objective || typeof ref.from !== 'string' || !isIsoDate(ref.from))
    throw new DomainError('QBR.UNKNOWN_OBJECTIVE', 'unknown objective');
  if (objective.approver !== actor.member.id && !isManagerOf(team, actor.member.id)) {
    throw new DomainError('AUTH.NOT_ALLOWED', `${actor.member.id} may not change ${objective.id}`);
  }
  return { team, objective, from: ref.from };
}

async function change(
  ctx: CoreContext,
  actor: Actor,
  team: Team,
  objective: CollectiveObjective,
  from: string,
  target: number,
  reason: string,
): Promise<NoticeView> {
  const { locale } = actor;
  const at = ctx.clock.now().toISOString();
  const changed = await ctx.repos.objectives.changeTarget({
    objectiveId: objectiveIdOf(team.id, objective.id),
    target: { value: target },
    effectiveFrom: from,
    by: actor.member.id,
    reason,
    at,
  });
  if (!changed) throw new DomainError('QBR.UNKNOWN_OBJECTIVE', 'objective not in the store');
  ctx.metrics.inc('targets_changed_total', { team: team.id });
  const kpi = ctx.workspace().kpis[objective.kpi]!;
  return notice(
    locale,
    'success',
    t(locale, 'qbr.accepted', {
      label: collectiveLabel(ctx.workspace(), objective, locale),
      value: formatValue(locale, target, kpi.unit),
      from: formatDate(locale, from),
    }),
  );
}

export async function acceptProposal(ctx: CoreContext, actor: Actor, value: string): Promise<InteractionResult> {
  const ref = parse(value);
  const { team, objective, from } = objectiveFor(ctx, actor, ref);
  if (typeof ref.target !== 'number' || !Number.isFinite(ref.target) || ref.target <= 0 || ref.target > ABSURD_VALUE)
    throw new DomainError('QBR.UNKNOWN_OBJECTIVE', 'bad target');
  const key = `qbr:${team.id}:${objective.id}:${from}:${ref.target}`;
  if (!(await ctx.repos.engineState.claim(key, ctx.clock.now().toISOString()))) {
    return { kind: 'reply', view: notice(actor.locale, 'info', t(actor.locale, 'qbr.alreadyAccepted')) };
  }
  return {
    kind: 'reply',
    view: await change(ctx, actor, team, objective, from, ref.target, t('en', 'qbr.reason.accepted')),
  };
}

export async function changeProposalForm(
  ctx: CoreContext,
  actor: Actor,
  value: string,
  errors?: Record<string, string>,
  typed?: string,
): Promise<InteractionResult & { kind: 'form' }> {
  const ref = parse(value);
  const { team, objective, from } = objectiveFor(ctx, actor, ref);
  const ws = ctx.workspace();
  const kpi = ws.kpis[objective.kpi]!;
  const { locale } = actor;
  // The target in force the day before the change: the config's, or one changed in chat earlier.
  const current = (await reportsOf(ctx).team(team)).collective.find((c) => c.id === objective.id) ?? objective;
  const context = t(locale, 'target.form.context', {
    label: collectiveLabel(ws, objective, locale),
    current: formatValue(locale, collectiveTargetInForce(current, addDays(from, -1)), kpi.unit),
    from: formatDate(locale, from),
  });
  return {
    kind: 'form',
    view: targetFormView({
      locale,
      context,
      unit: kpi.unit,
      ...(typeof ref.target === 'number' ? { proposed: ref.target } : {}),
      ...(typed !== undefined ? { typed } : {}),
      metadata: {
        team: team.id,
        objective: objective.id,
        from,
        ...(typeof ref.target === 'number' ? { target: ref.target } : {}),
      },
      ...(errors ? { errors } : {}),
    }),
  };
}

export async function submitTargetChange(
  ctx: CoreContext,
  actor: Actor,
  input: TargetChangeSubmission,
): Promise<SubmitResult<NoticeView>> {
  const { locale } = actor;
  const { team, objective, from } = objectiveFor(ctx, actor, parse(input.metadata));
  const unit = ctx.workspace().kpis[objective.kpi]!.unit;
  const raw = input.target.trim();
  const typed = parseLocaleNumber(unit.type === 'percent' ? raw.replace(/%\s*$/, '') : raw, locale);
  const reason = (input.reason ?? '').trim();
  let error: string | undefined;
  if (raw === '') error = t(locale, 'checkin.error.required');
  else if (typed === null) error = t(locale, 'error.notANumber', { value: raw.slice(0, 40) });
  else if (typed <= 0) error = t(locale, 'target.error.positive');
  else if (typed > ABSURD_VALUE) error = t(locale, 'error.tooLarge', { value: raw.slice(0, 40) });
  const errors: Record<string, string> = error ? { target: error } : {};
  if (reason.length > TEXT_MAX_LENGTH) errors.reason = t(locale, 'checkin.error.tooLong', { max: TEXT_MAX_LENGTH });
  if (Object.keys(errors).length > 0 || typed === null) {
    return { ok: false, form: (await changeProposalForm(ctx, actor, input.metadata, errors, raw)).view };
  }
  const target = storedValue(unit, typed);
  if (!(await ctx.repos.engineState.claim(`target:${input.idempotencyKey}`, ctx.clock.now().toISOString()))) {
    return { ok: true, view: notice(locale, 'info', t(locale, 'qbr.alreadyAccepted')) };
  }
  return {
    ok: true,
    view: await change(ctx, actor, team, objective, from, target, reason || t('en', 'qbr.reason.changed')),
  };
}
