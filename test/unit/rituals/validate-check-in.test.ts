import { describe, expect, it } from 'vitest';
import type { Kpi, Unit } from '../../../src/core/domain/model.js';
import { parseLocaleNumber, typedValue, validateCheckIn } from '../../../src/core/rituals/validate-check-in.js';

const kpi = (id: string, unit: Unit): Kpi => ({
  id,
  label: { en: id, fr: id },
  unit,
  kind: 'activity',
  direction: 'higher',
  aggregation: 'sum',
  sources: ['checkin'],
});
const KPIS = {
  calls: kpi('calls', { type: 'count' }),
  revenue: kpi('revenue', { type: 'currency', currency: 'EUR' }),
  rate: kpi('rate', { type: 'percent' }),
  csat: kpi('csat', { type: 'score', max: 5 }),
  hours: kpi('hours', { type: 'hours' }),
};

function check(locale: 'en' | 'fr', id: keyof typeof KPIS, text: string) {
  return validateCheckIn({ fields: [{ kpi: KPIS[id], required: true }], numbers: { [id]: text }, locale });
}

describe('parseLocaleNumber', () => {
  it.each([
    ['fr', '12,5', 12.5],
    ['fr', '1 234,5', 1234.5],
    ['fr', '1\u202f234,5', 1234.5],
    ['fr', '1.234,5', 1234.5],
    ['fr', '12.5', 12.5],
    ['fr', '  42 ', 42],
    ['en', '1,234.5', 1234.5],
    ['en', '12.5', 12.5],
    ['en', '+7', 7],
    ['en', '-3', -3],
    ['en', '12,5', null],
    ['en', 'NaN', null],
    ['en', 'Infinity', null],
    ['en', '1e309', null],
    ['en', '1e3', null],
    ['en', '0x10', null],
    ['fr', '12,,5', null],
    ['en', '', null],
  ] as const)('%s "%s" -> %s', (locale, text, expected) => {
    expect(parseLocaleNumber(text, locale)).toBe(expected);
  });
});

describe('validateCheckIn', () => {
  it.each([
    ['fr', 'calls', '12', { calls: 12 }],
    ['fr', 'revenue', '1 234,5', { revenue: 1234.5 }],
    ['en', 'revenue', '1,234.5', { revenue: 1234.5 }],
    // Percent typed 0-100, stored as a fraction.
    ['fr', 'rate', '45,5', { rate: 0.455 }],
    ['en', 'rate', '45 %', { rate: 0.45 }],
    ['en', 'csat', '4.6', { csat: 4.6 }],
    ['en', 'hours', '168', { hours: 168 }],
    ['en', 'calls', '0', { calls: 0 }],
  ] as const)('accepts %s %s "%s"', (locale, id, text, values) => {
    expect(check(locale, id, text)).toEqual({ ok: true, values, wins: null, blockers: null });
  });

  it.each([
    ['en', 'calls', 'abc', 'calls', '"abc" is not a number.'],
    ['fr', 'calls', 'abc', 'calls', '« abc » n’est pas un nombre.'],
    ['en', 'calls', '-1', 'calls', 'The value cannot be negative.'],
    ['fr', 'calls', '-1', 'calls', 'La valeur ne peut pas être négative.'],
    ['en', 'revenue', '1e309', 'revenue', '"1e309" is not a number.'],
    ['en', 'revenue', 'NaN', 'revenue', '"NaN" is not a number.'],
    ['en', 'revenue', 'Infinity', 'revenue', '"Infinity" is not a number.'],
    ['en', 'revenue', '2000000000', 'revenue', 'The value 2000000000 is too large.'],
    ['en', 'calls', '', 'calls', 'Please fill in this field.'],
    ['fr', 'calls', '   ', 'calls', 'Ce champ est obligatoire.'],
    ['en', 'calls', '2.5', 'calls', 'Enter a whole number.'],
    ['en', 'rate', '120', 'rate', 'Enter a value between 0 and 100.'],
    ['en', 'csat', '6', 'csat', 'Enter a value between 0 and 5.'],
    ['fr', 'hours', '200', 'hours', 'Saisissez une valeur entre 0 et 168.'],
    ['en', 'calls', '12,5', 'calls', '"12,5" is not a number.'],
  ] as const)('rejects %s %s "%s"', (locale, id, text, field, message) => {
    expect(check(locale, id, text)).toEqual({ ok: false, errors: { [field]: message } });
  });

  it('reports every bad field at once, keeps free texts and limits their length', () => {
    const r = validateCheckIn({
      fields: [
        { kpi: KPIS.calls, required: true },
        { kpi: KPIS.csat, required: true },
      ],
      numbers: { calls: 'x' },
      wins: ' a deal ',
      blockers: 'y'.repeat(2001),
      locale: 'en',
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        calls: '"x" is not a number.',
        csat: 'Please fill in this field.',
        blockers: 'Too long: 2,000 characters at most.',
      },
    });
    const ok = validateCheckIn({
      fields: [{ kpi: KPIS.calls, required: true }],
      numbers: { calls: '3' },
      wins: ' a deal ',
      blockers: '',
      locale: 'en',
    });
    expect(ok).toEqual({ ok: true, values: { calls: 3 }, wins: 'a deal', blockers: null });
  });

  it('prefills values as the user types them', () => {
    expect(typedValue('fr', { type: 'count' }, 12.5)).toBe('12,5');
    expect(typedValue('en', { type: 'percent' }, 0.455)).toBe('45.5');
    expect(typedValue('fr', { type: 'currency', currency: 'EUR' }, 1234.5)).toBe('1234,5');
  });
});
