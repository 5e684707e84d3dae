import { describe, expect, it } from 'vitest';
import { evaluateFormula, findCycle, formulaReferences, parseFormula } from '../../../src/core/domain/formula.js';

function evalWith(src: string, vars: Record<string, number | null>): number | null {
  const r = parseFormula(src);
  if (!r.ok) throw new Error(r.error.message);
  return evaluateFormula(r.ast, (n) => (n in vars ? vars[n]! : null));
}

describe('parseFormula + evaluateFormula', () => {
  it.each([
    ['1 + 2 * 3', {}, 7],
    ['(1 + 2) * 3', {}, 9],
    ['10 - 4 - 3', {}, 3],
    ['12 / 4 / 3', {}, 1],
    ['-3 + 5', {}, 2],
    ['2 * -3', {}, -6],
    ['15%', {}, 0.15],
    ['won / (won + lost)', { won: 3, lost: 9 }, 0.25],
    ['no_shows / meetings_booked', { no_shows: 6, meetings_booked: 40 }, 0.15],
    // The seed's monthly revenue target: (opportunities x close rate) x average deal - discounts.
    [
      '(opportunities * close_rate) * average_deal - discounts',
      { opportunities: 20, close_rate: 0.25, average_deal: 8000, discounts: 2000 },
      38000,
    ],
    ['min(a, b, 3)', { a: 5, b: 4 }, 3],
    ['max(a, 2 * b)', { a: 5, b: 4 }, 8],
    ['1.5e3 / 3', {}, 500],
  ])('%s = %d', (src, vars, expected) => {
    expect(evalWith(src, vars)).toBeCloseTo(expected, 10);
  });

  it.each([
    ['won / (won + lost)', { won: 0, lost: 0 }],
    ['a / 0', { a: 1 }],
    ['a + b', { a: 1 }],
    ['min(a, missing)', { a: 1 }],
  ])('%s has no value with %o (never NaN or Infinity)', (src, vars) => {
    expect(evalWith(src, vars)).toBeNull();
  });

  it.each([
    ['', 'formula is empty', 0],
    ['1 +', 'formula ends too early', 3],
    ['(a + b', 'expected ")"', 6],
    ['a b', 'unexpected text after the end', 2],
    ['pow(a, 2)', 'unknown function "pow"', 0],
    ['a ; drop table', 'unexpected character ";"', 2],
    ['process.env', 'unexpected character "."', 7],
    ['1e999', 'number out of range', 0],
  ])('rejects %j: %s at %d', (src, message, index) => {
    const r = parseFormula(src);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(message);
      expect(r.error.index).toBe(index);
    }
  });

  it('refuses absurdly deep nesting instead of overflowing the stack', () => {
    const r = parseFormula(`${'('.repeat(500)}1${')'.repeat(500)}`);
    expect(r.ok).toBe(false);
  });

  it('lists references once, in order', () => {
    const r = parseFormula('(opportunities * close_rate) * average_deal - discounts + opportunities');
    expect(r.ok && formulaReferences(r.ast)).toEqual(['opportunities', 'close_rate', 'average_deal', 'discounts']);
  });
});

describe('findCycle', () => {
  it('finds a cycle among derived definitions', () => {
    const deps = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(deps)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a self reference', () => {
    expect(findCycle(new Map([['x', ['x']]]))).toEqual(['x', 'x']);
  });

  it('accepts a chain that ends in base values', () => {
    expect(
      findCycle(
        new Map([
          ['rate', ['won', 'lost']],
          ['share', ['rate', 'total']],
        ]),
      ),
    ).toBeNull();
  });
});
