// Use cases behind the nudge's buttons: acknowledge (stops the escalation), snooze (the owner is nudged
// again when it ends), and open the "Record decision" form. Only the objective's owner and the team's
// managers may act; the nudge is replaced by its updated state.
import { DomainError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import type { Breach } from '../../ports/index.js';
import type { InteractionResult } from '../../service.js';
import { breachNudgeView, DEFAULT_SNOOZE_MINUTES } from '../../view-builders/breach-views.js';
import { decisionFormView } from '../../view-builders/form-views.js';
import { collectiveLabel } from '../../view-builders/progress-view.js';
import type { Actor } from '../actor.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { occurrenceKey } from '../engine/occurrence-runner.js';
import { type CollectiveFigureWithPeriod, collectiveFigures } from '../queries/collective-figures.js';
import { findTeam, isManagerOf } from '../queries/team-lookup.js';
import { objectiveIdOf } from './scan-breaches.js';

interface BreachTarget {
  readonly breach: Breach;
  readonly figure: CollectiveFigureWithPeriod;
  readonly team: NonNullable<ReturnType<typeof findTeam>>;
}

async function breachTarget(ctx: CoreContext, actor: Actor, value: string): Promise<BreachTarget> {
  let parsed: { breach?: unknown; team?: unknown };
  try {
    parsed = (JSON.parse(value) ?? {}) as { breach?: unknown; team?: unknown };
  } catch {
    throw new DomainError('BREACH.NOT_FOUND', 'malformed breach action value');
  }
  const breach = typeof parsed.breach === 'number' ? await ctx.repos.breaches.get(parsed.breach) : undefined;
  const ws = ctx.workspace();
  const team = typeof parsed.team === 'string' ? findTeam(ws, parsed.team) : undefined;
  if (!breach || !team || !breach.objectiveId.startsWith(`team:${team.id}:`))
    throw new DomainError('BREACH.NOT_FOUND', 'unknown breach');
  const figures = await collectiveFigures(reportsOf(ctx), team, ctx.clock.now());
  const figure = figures.find((f) => objectiveIdOf(team.id, f.objective.id) === breach.objectiveId);
  if (!figure) throw new DomainError('BREACH.NOT_FOUND', 'objective no longer configured');
  if (figure.objective.owner !== actor.member.id && !isManagerOf(team, actor.member.id)) {
    throw new DomainError('AUTH.NOT_ALLOWED', `${actor.member.id} may not act on breach ${breach.id}`);
  }
  return { breach, figure, team };
}

export async function acknowledgeBreach(ctx: CoreContext, actor: Actor, value: string): Promise<InteractionResult> {
  const { breach, figure, team } = await breachTarget(ctx, actor, value);
  if (breach.leftAt !== null) throw new DomainError('BREACH.CLEARED', 'breach already over');
  const now = ctx.clock.now().toISOString();
  const updated =
    breach.state === 'acknowledged' ? breach : await ctx.repos.breaches.acknowledge(breach.id, actor.member.id, now);
  ctx.metrics.inc('breach_acknowledged_total', { team: team.id });
  const ws = ctx.workspace();
  const view = breachNudgeView({
    ws,
    team,
    figure,
    breach: updated!,
    locale: actor.locale,
    zone: actor.zone,
    byName: actor.member.name,
  });
  return { kind: 'replace', view };
}

export async function snoozeBreach(ctx: CoreContext, actor: Actor, value: string): Promise<InteractionResult> {
  const { breach, figure, team } = await breachTarget(ctx, actor, value);
  if (breach.leftAt !== null) throw new DomainError('BREACH.CLEARED', 'breach already over');
  const asked = Number((JSON.parse(value) as { minutes?: unknown }).minutes);
  const minutes = Number.isFinite(asked) ? Math.min(7 * 24 * 60, Math.max(60, asked)) : DEFAULT_SNOOZE_MINUTES;
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + minutes * 60_000).toISOString();
  const updated = await ctx.repos.breaches.snooze(breach.id, until, actor.member.id, now.toISOString());
  const periodKey = `b${breach.id}@${until}`;
  // A new snooze replaces the pending re-nudge of an earlier one: one scheduled row per breach, not a stack.
  const earlier = await ctx.repos.occurrences.list({
    teamId: team.id,
    ritual: 'breach.renudge',
    statuses: ['scheduled'],
  });
  const superseded = earlier.filter((o) => o.periodKey.startsWith(`b${breach.id}@`) && o.periodKey !== periodKey);
  if (superseded.length > 0) {
    await ctx.repos.occurrences.setStatusMany(
      superseded.map((o) => ({ id: o.id, status: 'skipped' as const, reason: 'superseded' })),
      { at: now.toISOString() },
    );
  }
  await ctx.repos.occurrences.insert(
    {
      key: occurrenceKey(team.id, 'breach.renudge', periodKey, null),
      teamId: team.id,
      ritual: 'breach.renudge',
      periodKey,
      memberId: null,
      status: 'scheduled',
      dueAt: until,
    },
    { at: now.toISOString() },
  );
  ctx.metrics.inc('breach_snoozed_total', { team: team.id });
  const view = breachNudgeView({
    ws: ctx.workspace(),
    team,
    figure,
    breach: updated!,
    locale: actor.locale,
    zone: actor.zone,
  });
  return { kind: 'replace', view };
}

export async function breachDecisionForm(ctx: CoreContext, actor: Actor, value: string): Promise<InteractionResult> {
  const { breach, figure, team } = await breachTarget(ctx, actor, value);
  const label = collectiveLabel(ctx.workspace(), figure.objective, actor.locale);
  const context = t(actor.locale, 'decision.form.breachContext', { label, team: team.name });
  return {
    kind: 'form',
    view: decisionFormView({
      locale: actor.locale,
      context,
      metadata: { team: team.id, objective: breach.objectiveId, breach: breach.id },
    }),
  };
}
