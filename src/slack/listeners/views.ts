// Modal submissions. Check-in: the values go to the core; bad ones come back inline (response_action:
// errors, in the user's language); a good one closes the modal and the confirmation goes where the form
// came from (confirm-check-in.ts). Decision and target change: written by the core, the modal shows its answer.
// Every form shares one wrapper (onSubmission): a replayed submission (same view id and hash), here or
// at another replica sharing the store, is acknowledged and changes nothing, a stranger is told so, and a failure shows the internal-error notice.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import { t } from '../../core/i18n/index.js';
import { submissionKey } from '../../core/idempotency-key.js';
import type { SubmitResult } from '../../core/service.js';
import type { View } from '../../core/view-models.js';
import { CHECKIN_CALLBACK, decodeMetadata } from '../blocks/check-in.js';
import { DECISION_CALLBACK, DECISION_FIELDS } from '../blocks/decision.js';
import { renderModal } from '../blocks/render.js';
import { TARGET_CALLBACK, TARGET_FIELDS } from '../blocks/target.js';
import { type CheckInFollowUp, runCheckInFollowUp } from '../check-in-follow-up.js';
import { identify, type SlackContext } from '../context.js';
import { errorFields } from '../log.js';
import { inputBlockIds, readState, slackErrors } from '../submission.js';
import { internalErrorNotice } from './guard.js';

interface SubmittedView {
  readonly id: string;
  readonly hash: string;
  readonly private_metadata: string;
  readonly state: unknown;
  readonly blocks?: readonly unknown[];
}

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

/** One submission of a member's form, after the checks every form shares. */
interface Submission {
  readonly view: SubmittedView;
  /** The submission's idempotency key, handed to the core. */
  readonly key: string;
  readonly memberId: string;
  readonly userId: string;
  /** The Slack workspace it came from. */
  readonly slackTeamId?: string;
  readonly locale: Locale;
  readonly ack: ViewArgs['ack'];
  readonly client: ViewArgs['client'];
  /** Bad values: shown inline under their inputs. */
  readonly ackErrors: (errors: Readonly<Record<string, string>>) => Promise<void>;
  /** Acknowledged for good: a replay of this submission is now ignored (recorded before the ack). */
  readonly handled: () => Promise<void>;
}

const keyOf = (v: SubmittedView): string => submissionKey('slack', [v.id, v.hash]);

function onSubmission(
  app: App,
  ctx: SlackContext,
  callback: string,
  what: string,
  handle: (s: Submission) => Promise<void>,
): void {
  app.view(callback, async ({ ack, body, view, client }) => {
    const v = view as unknown as SubmittedView;
    const key = keyOf(v);
    if (await ctx.dedupe.submissionHandled(key)) {
      await ack();
      return;
    }
    let locale = ctx.service.fallbackLocale();
    try {
      const who = await identify(ctx, body.user.id);
      locale = who.locale;
      if (!who.member) {
        await ack({ response_action: 'update', view: renderModal(ctx.service.notAMember(locale)) });
        return;
      }
      const errorText = t(locale, 'error.internal');
      await handle({
        view: v,
        key,
        memberId: who.member.memberId,
        userId: body.user.id,
        ...(body.team?.id ? { slackTeamId: body.team.id } : {}),
        locale,
        ack,
        client,
        ackErrors: (errors) =>
          ack({ response_action: 'errors', errors: slackErrors(errors, inputBlockIds(v), errorText) }),
        handled: () => ctx.dedupe.markSubmissionHandled(key),
      });
    } catch (err) {
      ctx.log.error({ err: errorFields(err), what }, 'slack interaction failed');
      await ack({ response_action: 'update', view: renderModal(internalErrorNotice(locale)) }).catch(() => undefined);
    }
  });
}

export function registerViews(app: App, ctx: SlackContext): void {
  onSubmission(app, ctx, CHECKIN_CALLBACK, 'checkin submission', async (s) => {
    const { metadata, origin } = decodeMetadata(s.view.private_metadata);
    const { wins, blockers, ...numbers } = readState(s.view.state);
    const result = await ctx.service.submitCheckIn({
      memberId: s.memberId,
      metadata,
      numbers,
      wins,
      blockers,
      platform: 'slack',
      idempotencyKey: s.key,
    });
    if (!result.ok) {
      // A value to confirm: the modal is replaced by the form whose metadata carries it (Slack's
      // inline errors would keep the old metadata), so submitting it again stores the answer.
      if (result.form.type === 'checkin_form' && result.form.confirm?.length) {
        await s.ack({ response_action: 'update', view: renderModal(result.form, origin) });
        return;
      }
      await s.ackErrors(result.form.errors);
      return;
    }
    await s.handled();
    await s.ack();
    // After the ack (Slack has closed the modal): the confirmation goes where the form came from, and the
    // Home tab, which showed "Fill in my check-in" and the figures before it, is refreshed; in the
    // background thread when there is one (check-in-follow-up.ts).
    const job: CheckInFollowUp = {
      userId: s.userId,
      ...(s.slackTeamId ? { slackTeamId: s.slackTeamId } : {}),
      origin,
      view: result.view,
      ...(result.updateRef ? { updateRef: result.updateRef } : {}),
    };
    if (ctx.followUps) ctx.followUps(job);
    else await runCheckInFollowUp(ctx, s.client, job);
  });

  // Decision and target forms: the core writes the log (or the new target); the modal shows its answer.
  const answerInModal = async (s: Submission, result: SubmitResult<View>) => {
    if (!result.ok) {
      await s.ackErrors(result.form.errors);
      return;
    }
    await s.handled();
    await s.ack({ response_action: 'update', view: renderModal(result.view) });
  };

  onSubmission(app, ctx, DECISION_CALLBACK, 'decision submission', async (s) => {
    const values = readState(s.view.state);
    const result = await ctx.service.submitDecision({
      memberId: s.memberId,
      metadata: decodeMetadata(s.view.private_metadata).metadata,
      kind: values[DECISION_FIELDS.kind] ?? '',
      text: values[DECISION_FIELDS.text] ?? '',
      idempotencyKey: s.key,
    });
    await answerInModal(s, result);
  });

  onSubmission(app, ctx, TARGET_CALLBACK, 'target submission', async (s) => {
    const values = readState(s.view.state);
    const result = await ctx.service.submitTargetChange({
      memberId: s.memberId,
      metadata: decodeMetadata(s.view.private_metadata).metadata,
      target: values[TARGET_FIELDS.target] ?? '',
      reason: values[TARGET_FIELDS.reason],
      idempotencyKey: s.key,
    });
    await answerInModal(s, result);
  });
}
