// The bounded table of kept answers: computed once per key (null answers too), and started over when
// full, so memory stays flat whatever the number of keys.
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../../src/core/domain/bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes an answer once per key, a null answer included', () => {
    const memo = new BoundedMemo<number | null>(10);
    let calls = 0;
    const square = (n: number) => () => (calls++, n < 0 ? null : n * n);
    expect(memo.get('3', square(3))).toBe(9);
    expect(memo.get('3', square(3))).toBe(9);
    expect(memo.get('-1', square(-1))).toBeNull();
    expect(memo.get('-1', square(-1))).toBeNull();
    expect(calls).toBe(2);
  });

  it('starts over when full: never more than its limit, and forgotten keys are computed again', () => {
    const memo = new BoundedMemo<string>(2);
    let calls = 0;
    const id = (k: string) => () => (calls++, k);
    memo.get('a', id('a'));
    memo.get('b', id('b'));
    memo.get('c', id('c')); // full: the table starts over with c alone
    memo.get('c', id('c'));
    expect(calls).toBe(3);
    memo.get('a', id('a'));
    expect(calls).toBe(4);
    memo.clear();
    memo.get('a', id('a'));
    expect(calls).toBe(5);
  });
});
