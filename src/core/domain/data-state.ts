// Whether a KPI has data in a period, told apart from its value: an explicit 0 is a value, no value is
// "no data". A KPI fed only by imports or the API with nothing yet is "awaiting data" (the CRM has not
// spoken, the rep cannot fix it); a ratio whose denominator is 0 is "not computable" and says which
// input is 0. Missing data never helps a score: a lower-is-better KPI with no value has no value (it
// would otherwise score the cap), a higher-is-better sum with no value counts as 0 done.

import { evaluateFormula, type FormulaNode, formulaReferences } from './formula.js';
import { cachedFormula, type KpiLookup } from './kpi-values.js';
import type { Kpi, LocalizedText } from './model.js';

export type DataState = 'ok' | 'no_data' | 'awaiting_data' | 'not_computable';

export interface KpiReading {
  readonly actual: number | null;
  readonly dataState: DataState;
  /** Not computable: the KPIs whose zero total makes a denominator 0. */
  readonly zeroInputs?: readonly string[];
}

/** The labels of the zero inputs, so that every view can say "not computable: no meetings booked". */
export function zeroInputLabels(kpis: Readonly<Record<string, Kpi>>, ids: readonly string[]): LocalizedText[] {
  return ids.map((id) => kpis[id]?.label ?? { en: id, fr: id });
}

/** Fed only by imports or the API (never by the check-in). */
export function isImportOnly(kpi: Kpi): boolean {
  return kpi.sources.length > 0 && !kpi.sources.includes('checkin');
}

function collectBases(kpis: Readonly<Record<string, Kpi>>, id: string, seen: Set<string>): string[] {
  if (seen.has(id)) return [];
  seen.add(id);
  const kpi = kpis[id];
  if (!kpi) return [];
  if (kpi.formula === undefined) return [id];
  const ast = cachedFormula(kpi.formula);
  return ast ? formulaReferences(ast).flatMap((name) => collectBases(kpis, name, seen)) : [];
}

// Every row of every member asks this of the same few KPIs: kept per KPI map (a workspace's is frozen).
const basesCache = new WeakMap<Readonly<Record<string, Kpi>>, Map<string, readonly string[]>>();

/** The base (stored) KPIs a KPI is computed from, to any depth; a base KPI is its own only base. */
export function baseInputs(kpis: Readonly<Record<string, Kpi>>, id: string): readonly string[] {
  let byId = basesCache.get(kpis);
  if (!byId) {
    byId = new Map();
    basesCache.set(kpis, byId);
  }
  let bases = byId.get(id);
  if (!bases) {
    bases = collectBases(kpis, id, new Set());
    byId.set(id, bases);
  }
  return bases;
}

/** The KPI references of a denominator that evaluates to 0 (the first such division found). */
function zeroDenominator(ast: FormulaNode, lookup: KpiLookup): string[] | null {
  switch (ast.type) {
    case 'num':
    case 'ref':
      return null;
    case 'neg':
      return zeroDenominator(ast.arg, lookup);
    case 'call':
      for (const a of ast.args) {
        const z = zeroDenominator(a, lookup);
        if (z) return z;
      }
      return null;
    case 'bin': {
      if (ast.op === '/' && evaluateFormula(ast.right, lookup) === 0) {
        const refs = formulaReferences(ast.right);
        return refs.filter((r) => lookup(r) === 0);
      }
      return zeroDenominator(ast.left, lookup) ?? zeroDenominator(ast.right, lookup);
    }
  }
}

/**
 * The value and data state of a KPI in a period. `hasValues` tells whether a base KPI has at least one
 * recorded value in the period; `lookup` gives the aggregated actuals (a sum with no values is 0).
 */
export function readKpi(
  kpis: Readonly<Record<string, Kpi>>,
  id: string,
  lookup: KpiLookup,
  hasValues: (kpiId: string) => boolean,
): KpiReading {
  const kpi = kpis[id];
  if (!kpi) return { actual: null, dataState: 'no_data' };
  const missing = baseInputs(kpis, id).filter((b) => !hasValues(b));
  if (missing.length > 0) {
    if (missing.some((b) => kpis[b] !== undefined && isImportOnly(kpis[b]!)))
      return { actual: null, dataState: 'awaiting_data' };
    // A higher-is-better volume nobody reported is nothing done: 0 (it can only lower a score).
    const countsAsZero = kpi.formula === undefined && kpi.aggregation === 'sum' && kpi.direction === 'higher';
    return { actual: countsAsZero ? lookup(id) : null, dataState: 'no_data' };
  }
  const actual = lookup(id);
  if (actual !== null || kpi.formula === undefined) return { actual, dataState: actual === null ? 'no_data' : 'ok' };
  const ast = cachedFormula(kpi.formula);
  const zero = ast ? zeroDenominator(ast, lookup) : null;
  return zero
    ? { actual: null, dataState: 'not_computable', zeroInputs: zero }
    : { actual: null, dataState: 'no_data' };
}
