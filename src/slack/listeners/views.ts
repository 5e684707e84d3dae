// Modal submissions. Check-in: the values go to the core; bad ones come back inline (response_action:
// errors, in the user's language); a good one closes the modal and the confirmation goes where the form
// came from (confirm-check-in.ts). Decision and target change: written by the core, the modal shows its answer.
// A replayed submission (same view id and hash) is acknowledged and changes nothing.
import type { App } from '@slack/bolt';
import { submissionKey } from '../../core/idempotency-key.js';
import { t } from '../../core/i18n/index.js';
import type { SubmitResult } from '../../core/service.js';
import type { NoticeView } from '../../core/view-models.js';
import { CHECKIN_CALLBACK, decodeMetadata } from '../blocks/check-in.js';
import { DECISION_CALLBACK, DECISION_FIELDS } from '../blocks/decision.js';
import { TARGET_CALLBACK, TARGET_FIELDS } from '../blocks/target.js';
import { renderMessage, renderModal } from '../blocks/render.js';
import { identify, type SlackContext } from '../context.js';
import { errorFields } from '../log.js';
import { inputBlockIds, readState, slackErrors } from '../submission.js';
import { internalErrorNotice } from './guard.js';
import { confirmCheckIn } from '../confirm-check-in.js';
import { publishHome } from '../home.js';

interface SubmittedView {
  readonly id: string;
  readonly hash: string;
  readonly private_metadata: string;
  readonly state: unknown;
  readonly blocks?: readonly unknown[];
}

const keyOf = (v: SubmittedView): string => submissionKey('slack', [v.id, v.hash]);

export function registerViews(app: App, ctx: SlackContext): void {
  app.view(CHECKIN_CALLBACK, async ({ ack, body, view, client }) => {
    const v = view as unknown as SubmittedView;
    const key = keyOf(v);
    if (ctx.handledSubmissions.has(key)) {
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
      const { metadata, origin } = decodeMetadata(v.private_metadata);
      const values = readState(v.state);
      const { wins, blockers, ...numbers } = values;
      const result = await ctx.service.submitCheckIn({
        memberId: who.member.memberId,
        metadata,
        numbers,
        wins,
        blockers,
        platform: 'slack',
        idempotencyKey: key,
      });
      if (!result.ok) {
        // A value to confirm: the modal is replaced by the form whose metadata carries it (Slack's
        // inline errors would keep the old metadata), so submitting it again stores the answer.
        if (result.form.type === 'checkin_form' && result.form.confirm?.length) {
          await ack({ response_action: 'update', view: renderModal(result.form, origin) });
          return;
        }
        await ack({ response_action: 'errors', errors: slackErrors(result.form.errors, inputBlockIds(v), t(locale, 'error.internal')) });
        return;
      }
      ctx.handledSubmissions.set(key, true);
      await ack();
      // After the ack (Slack has closed the modal): the confirmation goes where the form came from.
      await confirmCheckIn(ctx, client, body.user.id, origin, result.view, result.updateRef);
      // The Home tab showed "Fill in my check-in" and the figures before it: refreshed.
      await publishHome(ctx, client, body.user.id).catch((err) => ctx.log.info({ err: errorFields(err) }, 'home not refreshed after a check-in'));
    } catch (err) {
      ctx.log.error({ err: errorFields(err), what: 'checkin submission' }, 'slack interaction failed');
      await ack({ response_action: 'update', view: renderModal(internalErrorNotice(locale)) }).catch(() => undefined);
    }
  });

  // Decision and target forms: the core writes the log (or the new target); the modal shows its answer.
  const simpleForm = (callback: string, what: string, submit: (memberId: string, v: SubmittedView, key: string) => Promise<SubmitResult<NoticeView>>) =>
    app.view(callback, async ({ ack, body, view }) => {
      const v = view as unknown as SubmittedView;
      const key = keyOf(v);
      if (ctx.handledSubmissions.has(key)) {
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
        const result = await submit(who.member.memberId, v, key);
        if (!result.ok) {
          await ack({ response_action: 'errors', errors: slackErrors(result.form.errors, inputBlockIds(v), t(locale, 'error.internal')) });
          return;
        }
        ctx.handledSubmissions.set(key, true);
        await ack({ response_action: 'update', view: renderModal(result.view) });
      } catch (err) {
        ctx.log.error({ err: errorFields(err), what }, 'slack interaction failed');
        await ack({ response_action: 'update', view: renderModal(internalErrorNotice(locale)) }).catch(() => undefined);
      }
    });

  simpleForm(DECISION_CALLBACK, 'decision submission', (memberId, v, key) => {
    const values = readState(v.state);
    return ctx.service.submitDecision({
      memberId,
      metadata: decodeMetadata(v.private_metadata).metadata,
      kind: values[DECISION_FIELDS.kind] ?? '',
      text: values[DECISION_FIELDS.text] ?? '',
      idempotencyKey: key,
    });
  });

  simpleForm(TARGET_CALLBACK, 'target submission', (memberId, v, key) => {
    const values = readState(v.state);
    return ctx.service.submitTargetChange({
      memberId,
      metadata: decodeMetadata(v.private_metadata).metadata,
      target: values[TARGET_FIELDS.target] ?? '',
      reason: values[TARGET_FIELDS.reason],
      idempotencyKey: key,
    });
  });
}
