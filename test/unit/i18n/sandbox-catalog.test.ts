// The sandbox page's own catalog: both languages complete (same keys, same placeholders, nothing
// empty), the browser language picked from Accept-Language, and schedules described in words.
import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, sandboxCatalogs, st, stCount } from '../../../src/sandbox/i18n.js';
import { describeCron } from '../../../src/sandbox/render/captions.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('sandbox catalog', () => {
  it('has the same keys and placeholders in en and fr, none empty', () => {
    const { en, fr } = sandboxCatalogs;
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, p: placeholders(fr[key]) }).toEqual({ key, p: placeholders(en[key]) });
      expect(en[key].trim()).not.toBe('');
      expect(fr[key].trim()).not.toBe('');
    }
  });

  it('interpolates and picks plural forms (0 is singular in French)', () => {
    expect(st('en', 'where.channel', { team: 'Sales US' })).toBe('in #Sales US');
    expect(stCount('en', 'count.reminders', 0)).toBe('0 reminders sent to colleagues');
    expect(stCount('fr', 'count.reminders', 0)).toBe('0 rappel envoyé à un collègue');
    expect(stCount('fr', 'count.reminders', 3)).toBe('3 rappels envoyés aux collègues');
  });

  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,fr;q=0.5', 'fr'],
    ['de-DE', undefined],
    [undefined, undefined],
  ])('reads the browser language from %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('schedules in words', () => {
  it.each([
    ['0 16 * * 5', 'en', 'every Friday at 16:00'],
    ['0 16 * * 5', 'fr', 'chaque vendredi à 16:00'],
    ['0 9 * * 1', 'en', 'every Monday at 09:00'],
    ['0 7 * * 0', 'en', 'every Sunday at 07:00'],
    ['30 9 * * 1-5', 'en', 'every working day at 09:30'],
    ['0 8 * * *', 'fr', 'chaque jour à 08:00'],
    ['0 9 1W * *', 'en', 'the first working day of the month at 09:00'],
    ['0 10 1W 1,4,7,10 *', 'fr', 'le premier jour ouvré de chaque trimestre à 10:00'],
    ['0 0 16 * * 5', 'en', 'every Friday at 16:00'],
    ['*/15 9-17 * * 1-5', 'en', 'on its schedule (*/15 9-17 * * 1-5)'],
  ] as const)('%s in %s', (cron, locale, expected) => {
    expect(describeCron(cron, locale)).toBe(expected);
  });
});
