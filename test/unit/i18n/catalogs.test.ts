import { describe, expect, it } from 'vitest';
import { en } from '../../../src/core/i18n/en.js';
import { formatCurrency, formatDate, formatPercent, formatValue } from '../../../src/core/i18n/format.js';
import { fr } from '../../../src/core/i18n/fr.js';
import { pickLocale, t, tPlural } from '../../../src/core/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  it('have exactly the same keys in en and fr', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, p: placeholders(fr[key]) }).toEqual({ key, p: placeholders(en[key]) });
    }
  });

  it('has no empty message', () => {
    for (const v of [...Object.values(en), ...Object.values(fr)]) expect(v.trim()).not.toBe('');
  });
});

describe('t', () => {
  it('interpolates in the requested language', () => {
    expect(t('en', 'error.unknownTeam', { team: 'x', teams: 'a, b' })).toBe('Unknown team "x". Known teams: a, b.');
    expect(t('fr', 'error.unknownTeam', { team: 'x', teams: 'a, b' })).toBe(
      'Équipe « x » inconnue. Équipes connues : a, b.',
    );
  });

  it('picks plural forms per locale (0 is singular in French, plural in English)', () => {
    expect(tPlural('en', 'unit.days', 0)).toBe('0 days');
    expect(tPlural('fr', 'unit.days', 0)).toBe('0 jour');
    expect(tPlural('en', 'unit.days', 1)).toBe('1 day');
    expect(tPlural('fr', 'unit.days', 2)).toBe('2 jours');
  });

  it('chooses the platform locale when supported, else the fallback', () => {
    expect(pickLocale('fr-FR', 'en')).toBe('fr');
    expect(pickLocale('en_US', 'fr')).toBe('en');
    expect(pickLocale('de-DE', 'fr')).toBe('fr');
    expect(pickLocale(undefined, 'en')).toBe('en');
  });
});

describe('Intl formatting', () => {
  // Intl uses narrow no-break spaces in French; normalise them to compare readably.
  const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

  it.each([
    ['en', 120000, 'EUR', '€120,000'],
    ['fr', 120000, 'EUR', '120 000 €'],
    ['en', 99.5, 'USD', 'US$99.50'],
  ] as const)('currency %s %d %s', (locale, n, cur, expected) => {
    expect(plain(formatCurrency(locale, n, cur))).toBe(expected);
  });

  it.each([
    ['en', 0.5714, '57.1%'],
    ['fr', 0.5714, '57,1 %'],
    ['fr', 1.15, '115 %'],
  ] as const)('percent %s %d', (locale, n, expected) => {
    expect(plain(formatPercent(locale, n))).toBe(expected);
  });

  it('formats a plain date without shifting it by a time zone', () => {
    expect(formatDate('en', '2026-11-01')).toBe('1 Nov 2026');
    expect(formatDate('fr', '2026-11-01')).toBe('1 nov. 2026');
  });

  it('formats KPI values by unit', () => {
    expect(formatValue('fr', 4.6, { type: 'score', max: 5 })).toBe('4,6 / 5');
    expect(formatValue('en', 1.5, { type: 'hours' })).toBe('1.5 h');
    expect(formatValue('en', 1, { type: 'days' })).toBe('1 day');
    expect(formatValue('en', null, { type: 'count' })).toBe('—');
    expect(plain(formatValue('fr', 1234.5, { type: 'count' }))).toBe('1 234,5');
  });
});
