// How a base KPI's values combine over a period: sum, average, last, min or max. No values at all is
// "no value" (null), which callers tell apart from a real zero.
import type { Aggregation } from './model.js';

export interface DatedValue {
  readonly date: string;
  readonly value: number;
  readonly recordedAt?: string;
}

function recordedMs(v: DatedValue): number {
  const ms = v.recordedAt === undefined ? Number.NaN : Date.parse(v.recordedAt);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** The latest value: by date, then by recording time, then by input order. */
export function lastValue(values: readonly DatedValue[]): number | null {
  let best: { v: DatedValue; ms: number } | null = null;
  for (const v of values) {
    const ms = recordedMs(v);
    // `>=` so that of two values recorded at the same moment the later one in input order wins.
    if (!best || v.date > best.v.date || (v.date === best.v.date && ms >= best.ms)) best = { v, ms };
  }
  return best ? best.v.value : null;
}

export function aggregate(values: readonly DatedValue[], aggregation: Aggregation): number | null {
  if (values.length === 0) return null;
  const nums = values.map((v) => v.value);
  switch (aggregation) {
    case 'sum':
      return nums.reduce((a, b) => a + b, 0);
    case 'average':
      return nums.reduce((a, b) => a + b, 0) / nums.length;
    case 'last':
      return lastValue(values);
    case 'min':
      return Math.min(...nums);
    case 'max':
      return Math.max(...nums);
  }
}
