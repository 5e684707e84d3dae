// Use case: the decision log. A review's "Record decision" button opens the form; the answer is stored
// once per idempotency key (a replayed submission records nothing more), against the team and, from a
// breach, its objective.
import { DomainError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import type { DecisionSubmission, InteractionResult, SubmitResult } from '../../service.js';
import { DECISION_KINDS, decisionFormView } from '../../view-builders/form-views.js';
import { periodLabel } from '../../view-builders/labels.js';
import { describeError, notice } from '../../view-builders/notice.js';
import type { NoticeView } from '../../view-models.js';
import type { Actor } from '../actor.js';
import { teamFor } from '../actor.js';
import type { CoreContext } from '../deps.js';
import { TEXT_MAX_LENGTH } from '../validate-check-in.js';
import { resolvePeriod } from './team-report.js';

interface DecisionMeta {
  readonly team?: string;
  readonly objective?: string;
  readonly breach?: number;
  readonly period?: string;
}

function parseMeta(text: string): DecisionMeta {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as DecisionMeta) : {};
  } catch {
    return {};
  }
}

export function reviewDecisionForm(ctx: CoreContext, actor: Actor, value: string): InteractionResult {
  const meta = parseMeta(value);
  const ws = ctx.workspace();
  const team = teamFor(ws, actor, meta.team);
  const period = meta.period ? periodLabel(actor.locale, resolvePeriod(ws, meta.period)) : '';
  const context = t(actor.locale, 'decision.form.reviewContext', { team: team.name, period });
  return {
    kind: 'form',
    view: decisionFormView({
      locale: actor.locale,
      context,
      metadata: { team: team.id, ...(meta.period ? { period: meta.period } : {}) },
    }),
  };
}

export async function submitDecision(
  ctx: CoreContext,
  actor: Actor,
  input: DecisionSubmission,
): Promise<SubmitResult<NoticeView>> {
  const { locale } = actor;
  const ws = ctx.workspace();
  const meta = parseMeta(input.metadata);
  const team = teamFor(ws, actor, meta.team);
  const errors: Record<string, string> = {};
  const kind = DECISION_KINDS.find((k) => k === input.kind);
  const text = input.text.trim();
  if (!kind) errors.kind = t(locale, 'decision.error.kind');
  if (text === '') errors.text = t(locale, 'checkin.error.required');
  else if (text.length > TEXT_MAX_LENGTH) errors.text = t(locale, 'checkin.error.tooLong', { max: TEXT_MAX_LENGTH });
  const objectiveId =
    typeof meta.objective === 'string' && meta.objective.startsWith(`team:${team.id}:`) ? meta.objective : null;
  if (Object.keys(errors).length > 0 || !kind) {
    const context = t(locale, 'decision.form.reviewContext', { team: team.name, period: '' });
    return { ok: false, form: decisionFormView({ locale, context, metadata: { ...meta }, errors }) };
  }
  const at = ctx.clock.now().toISOString();
  if (!(await ctx.repos.engineState.claim(`decision:${input.idempotencyKey}`, at))) {
    return { ok: true, view: notice(locale, 'success', t(locale, 'decision.recorded')) };
  }
  if (objectiveId && !(await ctx.repos.objectives.get(objectiveId))) {
    return { ok: true, view: describeError(locale, new DomainError('QBR.UNKNOWN_OBJECTIVE', 'unknown objective')) };
  }
  await ctx.repos.decisions.record({
    teamId: team.id,
    objectiveId,
    author: actor.member.id,
    createdAt: at,
    kind,
    text,
  });
  ctx.metrics.inc('decisions_recorded_total', { team: team.id });
  return { ok: true, view: notice(locale, 'success', t(locale, 'decision.recorded')) };
}
