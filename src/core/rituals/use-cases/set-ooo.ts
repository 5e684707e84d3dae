// Use case: a member marks themselves out of office (no prompt nor reminder on those days, a slower
// expected pace), or cancels what they had planned from today on.
import { localDateOf } from '../../domain/zoned-time.js';
import { formatDate } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { notice } from '../../view-builders/notice.js';
import type { NoticeView } from '../../view-models.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../deps.js';

/** Longest out-of-office period accepted in one command (a typo like 2062 is refused). */
export const MAX_OOO_DAYS = 366;

export async function setOoo(ctx: CoreContext, actor: Actor, from: string, to: string): Promise<NoticeView> {
  const { locale } = actor;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_OOO_DAYS) return notice(locale, 'error', t(locale, 'ooo.tooLong', { max: MAX_OOO_DAYS }));
  const now = ctx.clock.now().toISOString();
  await ctx.repos.ooo.add({ memberId: actor.member.id, from, to, by: actor.member.id, at: now });
  ctx.metrics.inc('ooo_set_total', { team: actor.team.id });
  return notice(
    locale,
    'success',
    t(locale, 'ooo.set', { from: formatDate(locale, from), to: formatDate(locale, to) }),
  );
}

export async function clearOoo(ctx: CoreContext, actor: Actor): Promise<NoticeView> {
  const { locale } = actor;
  const now = ctx.clock.now();
  const today = localDateOf(now.toISOString(), actor.zone);
  const periods = await ctx.repos.ooo.listOverlapping([actor.member.id], today, '9999-12-31');
  for (const p of periods) await ctx.repos.ooo.cancel(p.id, { by: actor.member.id, at: now.toISOString() });
  return notice(locale, periods.length ? 'success' : 'info', t(locale, periods.length ? 'ooo.cleared' : 'ooo.none'));
}
