// The help notice: what the bot understands, with an out-of-office example whose dates are always in
// the future (the week after next, Monday to Friday), written the way the reader's language types them.
import type { Locale } from '../domain/model.js';
import { t } from '../i18n/index.js';
import type { NoticeView } from '../view-models.js';
import { notice } from './notice.js';

const DAY = 86_400_000;

/** Monday and Friday of the week after the one holding `today` (YYYY-MM-DD), as YYYY-MM-DD. */
export function exampleOooDates(today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  const isoWeekday = ((d.getUTCDay() + 6) % 7) + 1;
  const monday = d.getTime() + (8 - isoWeekday) * DAY + 7 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(monday), to: iso(monday + 4 * DAY) };
}

// The command parser reads both forms; French users write day/month/year.
const typed = (locale: Locale, date: string) => (locale === 'fr' ? date.split('-').reverse().join('/') : date);

export function helpNotice(locale: Locale, today: string): NoticeView {
  const { from, to } = exampleOooDates(today);
  const body = t(locale, 'help.body', { from: typed(locale, from), to: typed(locale, to) });
  // One command per line: every adapter lays `items` out as a list.
  return { ...notice(locale, 'info', body, t(locale, 'help.title')), items: body.split('\n') };
}
