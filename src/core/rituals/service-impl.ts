// The RitualsService adapters call: resolves the acting member, checks their rights on the team, and
// dispatches typed commands and button presses to the use cases. How each method fails is the contract
// written in service.ts: the answers to a person go through `as` (never reject); checkInForm,
// submitCheckIn and myGoals reject with their documented DomainError codes.
import type { RitualId } from '../domain/model.js';
import { localDateOf } from '../domain/zoned-time.js';
import { DomainError } from '../errors.js';
import { pickLocale, t } from '../i18n/index.js';
import type { InteractionResult, RitualsService } from '../service.js';
import { helpNotice } from '../view-builders/help-view.js';
import { describeError, notice } from '../view-builders/notice.js';
import { runNotice } from '../view-builders/run-notice.js';
import type { CollectiveProgressView, LeaderboardView, NoticeView, StandupSummaryView } from '../view-models.js';
import { type Actor, actorOf, teamFor } from './actor.js';
import type { CoreContext } from './deps.js';
import type { RitualEngine } from './engine/engine.js';
import { parseCommand } from './parse-command.js';
import { acknowledgeBreach, breachDecisionForm, snoozeBreach } from './use-cases/breach-actions.js';
import { buildCheckInForm } from './use-cases/check-in-form.js';
import { myGoals } from './use-cases/my-goals.js';
import { lastLeaderboard } from './use-cases/post-leaderboard.js';
import { buildProgress } from './use-cases/post-progress.js';
import { acceptProposal, changeProposalForm, submitTargetChange } from './use-cases/qbr-actions.js';
import { reviewDecisionForm, submitDecision } from './use-cases/record-decision.js';
import { recordReaction } from './use-cases/record-reaction.js';
import { resolveMember } from './use-cases/resolve-member.js';
import { clearOoo, setOoo } from './use-cases/set-ooo.js';
import { buildStandup } from './use-cases/standup-summary.js';
import { submitCheckIn } from './use-cases/submit-check-in.js';
import { welcome } from './use-cases/welcome.js';

/**
 * `engine` runs a manager's "run" (this core's engine, or the background thread's); `afterCheckIn` runs
 * the breach scan an answer triggers (the engine's, before the answer returns, or one that defers and
 * coalesces it, or hands it to the background thread).
 */
export function createService(
  ctx: CoreContext,
  engine: Pick<RitualEngine, 'runNow'>,
  afterCheckIn: Pick<RitualEngine, 'scanBreaches'>,
): RitualsService {
  const actor = (memberId: string): Actor | undefined => actorOf(ctx.workspace(), memberId);
  const fallback = () => ctx.workspace().defaults.locale;
  const reply = (view: InteractionResult['view']): InteractionResult => ({ kind: 'reply', view });

  /** Runs a use case for a known member; a DomainError becomes a notice in their language. */
  async function as<T>(memberId: string, fn: (a: Actor) => Promise<T>, onError: (n: NoticeView) => T): Promise<T> {
    const a = actor(memberId);
    if (!a) return onError(service.notAMember(fallback()));
    try {
      return await fn(a);
    } catch (err) {
      if (!(err instanceof DomainError))
        ctx.log.error(
          { member: memberId, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
          'service call failed',
        );
      return onError(describeError(a.locale, err));
    }
  }
  const interaction = (memberId: string, fn: (a: Actor) => Promise<InteractionResult>) => as(memberId, fn, reply);
  /** The acting member of the methods documented to reject: AUTH.NOT_A_MEMBER for anyone else. */
  const known = (memberId: string): Actor => {
    const a = actor(memberId);
    if (!a) throw new DomainError('AUTH.NOT_A_MEMBER', `unknown member ${memberId}`);
    return a;
  };

  const service: RitualsService = {
    resolveMember: (query) => resolveMember(ctx, query),
    fallbackLocale: (platformLocale) => pickLocale(platformLocale, fallback()),

    command(memberId, text) {
      return interaction(memberId, async (a) => {
        const cmd = parseCommand(text, a.locale);
        switch (cmd.kind) {
          case 'checkin':
            return { kind: 'form', view: await buildCheckInForm(ctx, a, cmd.period) };
          case 'me':
            return reply(await myGoals(ctx, a));
          case 'leaderboard':
            return reply(await service.leaderboard(memberId, cmd.team));
          case 'progress':
            return reply(await service.progress(memberId, cmd.team));
          case 'standup':
            return reply(await service.standup(memberId, cmd.team));
          case 'ooo':
            return reply(await setOoo(ctx, a, cmd.from, cmd.to));
          case 'ooo_off':
            return reply(await clearOoo(ctx, a));
          case 'run':
            return reply(await service.runRitual(memberId, cmd.ritual, cmd.team));
          case 'help':
            return reply(service.help(a.locale));
          case 'error':
            throw new DomainError(cmd.code, `command error ${cmd.code}`, {
              text: cmd.value,
              value: cmd.value,
              ritual: cmd.value,
              rituals: 'checkin, leaderboard, progress, breach_scan, standup, monthly_review, qbr',
            });
        }
      });
    },

    action(memberId, action, value) {
      return interaction(memberId, async (a) => {
        switch (action) {
          case 'checkin.open': {
            // The button carries {"period":"2026-W47"}; a value that is not that opens the default period.
            let parsed: unknown;
            try {
              parsed = JSON.parse(value || '{}');
            } catch {
              parsed = undefined;
            }
            const period = (parsed as { period?: unknown } | null | undefined)?.period;
            return {
              kind: 'form',
              view: await buildCheckInForm(ctx, a, typeof period === 'string' ? period : undefined),
            };
          }
          case 'breach.acknowledge':
            return acknowledgeBreach(ctx, a, value);
          case 'breach.snooze':
            return snoozeBreach(ctx, a, value);
          case 'breach.decision':
            return breachDecisionForm(ctx, a, value);
          case 'review.decision':
            return reviewDecisionForm(ctx, a, value);
          case 'qbr.accept':
            return acceptProposal(ctx, a, value);
          case 'qbr.change':
            return changeProposalForm(ctx, a, value);
          case 'goals.show':
            return reply(await myGoals(ctx, a));
        }
        throw new DomainError('COMMAND.UNKNOWN', `unknown action ${String(action)}`, { text: String(action) });
      });
    },

    async checkInForm(memberId, periodKey) {
      return buildCheckInForm(ctx, known(memberId), periodKey);
    },

    async submitCheckIn(input) {
      return submitCheckIn(ctx, afterCheckIn, known(input.memberId), input);
    },

    async submitDecision(input) {
      return as(
        input.memberId,
        (a) => submitDecision(ctx, a, input),
        (n) => ({ ok: true, view: n }),
      );
    },

    async submitTargetChange(input) {
      return as(
        input.memberId,
        (a) => submitTargetChange(ctx, a, input),
        (n) => ({ ok: true, view: n }),
      );
    },

    async myGoals(memberId) {
      return myGoals(ctx, known(memberId));
    },

    leaderboard(memberId, teamId) {
      return as<LeaderboardView | NoticeView>(
        memberId,
        async (a) => {
          // The last completed week: the current one is still under way.
          return lastLeaderboard(ctx, teamFor(ctx.workspace(), a, teamId), ctx.clock.now(), a.locale);
        },
        (n) => n,
      );
    },

    progress(memberId, teamId) {
      return as<CollectiveProgressView | NoticeView>(
        memberId,
        (a) => buildProgress(ctx, teamFor(ctx.workspace(), a, teamId), ctx.clock.now(), a.locale),
        (n) => n,
      );
    },

    standup(memberId, teamId) {
      return as<StandupSummaryView | NoticeView>(
        memberId,
        (a) => buildStandup(ctx, teamFor(ctx.workspace(), a, teamId, { managerOnly: true }), ctx.clock.now(), a.locale),
        (n) => n,
      );
    },

    runRitual(memberId, ritual: RitualId, teamId) {
      return as(
        memberId,
        async (a) => {
          const team = teamFor(ctx.workspace(), a, teamId, { managerOnly: true });
          const now = ctx.clock.now();
          const run = await engine.runNow(team.id, ritual, now);
          // A ritual run by hand is a manager's decision to message the team: kept in the audit log.
          await ctx.repos.audit.record({
            at: now.toISOString(),
            actor: a.member.id,
            action: 'ritual.run',
            entity: 'team',
            entityId: team.id,
            after: { ritual, period: run.period, sent: run.sent, skipped: run.skipped + run.missed },
          });
          return runNotice(a.locale, team.name, run);
        },
        (n) => n,
      );
    },

    recordReaction: (event) => recordReaction(ctx, event),

    // The help's example dates are in the future: the week after next, in the workspace's zone.
    help: (locale) => helpNotice(locale, localDateOf(ctx.clock.now().toISOString(), ctx.workspace().defaults.timezone)),
    notAMember: (locale) => notice(locale, 'error', t(locale, 'error.notAMember')),
    welcome: (target) => welcome(ctx, target),
  };
  return service;
}
