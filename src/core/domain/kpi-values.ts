// The actual value of a KPI over a set of values: base KPIs aggregate their own values, derived KPIs
// evaluate their formula on the aggregated values of the KPIs they reference (never an average of
// ratios), to any depth. A sum KPI with no values is 0 (nothing done yet); other KPIs have no value.

import { aggregate, type DatedValue } from './aggregation.js';
import { evaluateFormula, type FormulaNode, parseFormula } from './formula.js';
import type { Kpi } from './model.js';

export type KpiLookup = (kpiId: string) => number | null;

/** A KPI whose period value is a plain sum of its values: the only kind prorated, ramped and paced. */
export function isSumKpi(kpi: Kpi): boolean {
  return kpi.formula === undefined && kpi.aggregation === 'sum';
}

const parsed = new Map<string, FormulaNode | null>();

/** Parses a formula once per process; an invalid one (rejected by config validation anyway) is null. */
export function cachedFormula(src: string): FormulaNode | null {
  let ast = parsed.get(src);
  if (ast === undefined) {
    const r = parseFormula(src);
    ast = r.ok ? r.ast : null;
    parsed.set(src, ast);
  }
  return ast;
}

/**
 * A memoised lookup of KPI actuals over grouped values (KPI id -> values). An unknown KPI, an invalid
 * formula, a dependency cycle, a missing operand or a division by zero all give null.
 */
export function kpiActuals(
  kpis: Readonly<Record<string, Kpi>>,
  values: ReadonlyMap<string, readonly DatedValue[]>,
): KpiLookup {
  const memo = new Map<string, number | null>();
  const visiting = new Set<string>();
  const lookup = (id: string): number | null => {
    if (memo.has(id)) return memo.get(id)!;
    const kpi = kpis[id];
    if (!kpi || visiting.has(id)) return null;
    visiting.add(id);
    let result: number | null;
    if (kpi.formula !== undefined) {
      const ast = cachedFormula(kpi.formula);
      result = ast ? evaluateFormula(ast, lookup) : null;
    } else {
      result = aggregate(values.get(id) ?? [], kpi.aggregation);
      if (result === null && kpi.aggregation === 'sum') result = 0;
    }
    visiting.delete(id);
    memo.set(id, result);
    return result;
  };
  return lookup;
}
