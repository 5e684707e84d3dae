// Leaf value parsing (amounts, percents, durations), the fiscal-quarter months of the QBR cron, path
// formatting and "did you mean" suggestions, table-driven.
import { describe, expect, it } from 'vitest';
import { quarterStartMonths } from '../../../src/config/ritual-defaults.js';
import { parseAmount, parseDuration } from '../../../src/config/workspace-values.js';
import { formatPath } from '../../../src/config/yaml-positions.js';
import { closest, unknownName } from '../../../src/config/zod-problems.js';

describe('parseAmount', () => {
  it.each([
    [35, 35],
    ['35', 35],
    ['15%', 0.15],
    ['12.5 %', 0.125],
    ['115%', 1.15],
    ['120k', 120_000],
    ['1.5M', 1_500_000],
    ['-3', -3],
    ['.5', 0.5],
    ['4,6', null],
    ['120 €', null],
    ['lots', null],
    ['', null],
    [Number.NaN, null],
  ] as const)('%s -> %s', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 30],
    ['2h', 120],
    ['1d', 1440],
    ['1w', 10_080],
    ['1d12h', 2160],
    ['1d 2h 30m', 1590],
    ['90', null],
    ['2 hours', null],
    ['h', null],
    ['', null],
  ] as const)('%s -> %s minutes', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });
});

describe('quarterStartMonths', () => {
  it.each([
    [1, [1, 4, 7, 10]],
    [2, [2, 5, 8, 11]],
    [4, [1, 4, 7, 10]],
    [11, [2, 5, 8, 11]],
    [12, [3, 6, 9, 12]],
  ] as const)('fiscal year from month %i -> %j', (start, months) => {
    expect(quarterStartMonths(start)).toEqual(months);
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['kpis', 'calls', 'label'], 'kpis.calls.label'],
    [['teams', 0, 'members', 2, 'role'], 'teams[0].members[2].role'],
    [['segment', 'a key'], 'segment["a key"]'],
  ] as const)('%j -> %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('suggestions', () => {
  it.each([
    ['nmae', ['id', 'name', 'role'], 'name'],
    ['meeting_booked', ['calls', 'meetings_booked'], 'meetings_booked'],
    ['Timezone', ['timezone', 'locale'], 'timezone'],
    ['xyz', ['name', 'role'], undefined],
  ] as const)('%s -> %s', (name, known, expected) => {
    expect(closest(name, known)).toBe(expected);
  });

  it('lists the known names when there is no close one and few of them', () => {
    expect(unknownName('role', 'boss', ['sdr', 'ae'])).toBe('unknown role "boss" (expected one of: sdr, ae)');
    const many = Array.from({ length: 20 }, (_, i) => `kpi_${i}`);
    expect(unknownName('KPI', 'zzz', many)).toBe('unknown KPI "zzz"');
  });
});
