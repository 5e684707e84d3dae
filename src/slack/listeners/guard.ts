// The one catch-all of the Slack adapter: a listener that fails logs ids only and tells the user, in
// their language, that nothing was changed; never a stack trace in Slack.
import type { Locale } from '../../core/domain/model.js';
import { t } from '../../core/i18n/index.js';
import type { NoticeView } from '../../core/view-models.js';
import type { SlackContext } from '../context.js';
import { errorFields } from '../log.js';

export function internalErrorNotice(locale: Locale): NoticeView {
  const body = t(locale, 'error.internal');
  return { type: 'notice', locale, text: body, tone: 'error', body };
}

/** Runs `work`; on failure logs and calls `tell` with the error notice (a failing `tell` is only logged). */
export async function guarded(
  ctx: SlackContext,
  what: string,
  locale: () => Locale,
  work: () => Promise<void>,
  tell: (notice: NoticeView) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.error({ err: errorFields(err), what }, 'slack interaction failed');
    try {
      await tell(internalErrorNotice(locale()));
    } catch (err2) {
      ctx.log.warn({ err: errorFields(err2), what }, 'could not tell the user about the failure');
    }
  }
}
