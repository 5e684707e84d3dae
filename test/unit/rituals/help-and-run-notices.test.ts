// Hand-computed tables for the help's out-of-office example (always the week after next) and for what
// `run X` answers, and the delivery-failure reasons in both languages.
import { describe, expect, it } from 'vitest';
import { deliveryReason } from '../../../src/compose/delivery-reasons.js';
import { exampleOooDates, helpNotice } from '../../../src/core/view-builders/help-view.js';
import { runNotice } from '../../../src/core/view-builders/run-notice.js';

describe('help example dates', () => {
  it.each([
    // today (weekday)            Monday after next   its Friday
    ['2026-11-16', '2026-11-30', '2026-12-04'], // Monday
    ['2026-11-18', '2026-11-30', '2026-12-04'], // Wednesday
    ['2026-11-22', '2026-11-30', '2026-12-04'], // Sunday
    ['2026-12-23', '2027-01-04', '2027-01-08'], // across the year end
    ['2028-02-21', '2028-03-06', '2028-03-10'], // across a leap February
  ])('on %s: %s to %s', (today, from, to) => {
    expect(exampleOooDates(today)).toEqual({ from, to });
  });

  it('writes them as each language types dates', () => {
    expect(helpNotice('en', '2026-11-18').body).toContain('ooo 2026-11-30 2026-12-04');
    expect(helpNotice('fr', '2026-11-18').body).toContain('absent 30/11/2026 04/12/2026');
  });
});

describe('run notices', () => {
  const run = (r: Partial<Parameters<typeof runNotice>[2]>) => ({
    ritual: 'leaderboard',
    planned: 1,
    sent: 0,
    skipped: 0,
    missed: 0,
    failed: 0,
    ...r,
  });
  it.each([
    [
      run({ sent: 1 }),
      'success',
      'The leaderboard for Sales is under way. Messages queued: 1; skipped: 0. They go out within a minute; a message that cannot be delivered is reported to the managers.',
    ],
    [
      run({ ritual: 'checkin', planned: 3, sent: 2, skipped: 1 }),
      'success',
      'The weekly check-in for Sales is under way. Messages queued: 2; skipped: 1. They go out within a minute; a message that cannot be delivered is reported to the managers.',
    ],
    [run({}), 'info', 'The leaderboard for Sales already ran this minute: nothing was sent again.'],
    [
      run({ ritual: 'checkin', planned: 3 }),
      'info',
      'This week’s check-in was already sent to Sales: nothing was sent again.',
    ],
    [run({ planned: 0 }), 'info', 'The leaderboard for Sales had nothing to send.'],
    [
      run({ skipped: 1 }),
      'info',
      'The leaderboard for Sales sent nothing: 1 skipped (nothing to show yet, out of office, or already done).',
    ],
  ])('%#', (figures, tone, body) => {
    expect(runNotice('en', 'Sales', figures)).toMatchObject({ tone, body });
  });
});

describe('delivery reasons', () => {
  it.each([
    ['not_in_channel', 'en', 'The bot is not a member of the channel: invite it there (/invite @Goal Rituals).'],
    ['not_in_channel', 'fr', 'Le bot n’est pas membre du canal : invitez-le (/invite @Goal Rituals).'],
    ['teams.blocked', 'fr', 'Le membre a bloqué ou retiré le bot, ou la conversation n’existe plus.'],
    ['http_503', 'fr', 'La plateforme a répondu « http_503 ».'],
    ['<!channel>', 'en', 'The platform answered “channel”.'],
  ] as const)('%s in %s', (code, locale, text) => {
    expect(deliveryReason(locale, code)).toBe(text);
  });
});
