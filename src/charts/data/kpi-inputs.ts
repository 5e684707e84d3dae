// Which recorded KPIs a figure depends on: a base KPI itself, a derived one the base KPIs its formula
// reaches, to any depth. A chart uses it to tell "no data yet" from a real zero.

import { formulaReferences } from '../../core/domain/formula.js';
import { cachedFormula } from '../../core/domain/kpi-values.js';
import type { MetricValue } from '../../core/domain/metric-values.js';
import type { Kpi } from '../../core/domain/model.js';

export function baseKpisOf(kpis: Readonly<Record<string, Kpi>>, kpiId: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const kpi = kpis[id];
    if (!kpi) return;
    if (kpi.formula === undefined) {
      out.add(id);
      return;
    }
    const ast = cachedFormula(kpi.formula);
    if (ast) for (const ref of formulaReferences(ast)) walk(ref);
  };
  walk(kpiId);
  return out;
}

/** True when a value of one of `kpiIds` lies in [from, to] and passes `inScope`. */
export function anyValue(
  values: readonly MetricValue[],
  kpiIds: ReadonlySet<string>,
  from: string,
  to: string,
  inScope: (v: MetricValue) => boolean,
): boolean {
  return values.some((v) => kpiIds.has(v.kpi) && v.date >= from && v.date <= to && inScope(v));
}
