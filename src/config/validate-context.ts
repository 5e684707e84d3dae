// Shared state and helpers of the workspace cross-reference checks: collects issues, resolves KPI
// references with suggestions, and checks formulas, targets and comparators against their KPI.
import { formulaReferences, parseFormula } from '../core/domain/formula.js';
import type { RawKpi, RawTarget, RawWorkspace } from './workspace-schema.js';
import type { ConfigIssue, ConfigPath } from './yaml-positions.js';
import { unknownName } from './zod-problems.js';

// Where in a formula a name first appears, so the column points at it.
function indexOfName(src: string, name: string): number | undefined {
  const m = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).exec(src);
  return m ? m.index : undefined;
}

export class Checker {
  readonly issues: ConfigIssue[] = [];
  readonly kpiIds: readonly string[];

  constructor(readonly ws: RawWorkspace) {
    this.kpiIds = Object.keys(ws.kpis);
  }

  add(path: ConfigPath, message: string, extra: Pick<ConfigIssue, 'at' | 'charIndex'> = {}): void {
    this.issues.push({ path, message, ...extra });
  }

  kpi(id: string): RawKpi | undefined {
    return Object.hasOwn(this.ws.kpis, id) ? this.ws.kpis[id] : undefined;
  }

  /** The KPI named at `path`, or undefined after reporting it unknown. */
  kpiRef(path: ConfigPath, id: string): RawKpi | undefined {
    const kpi = this.kpi(id);
    if (!kpi) this.add(path, unknownName('KPI', id, this.kpiIds));
    return kpi;
  }

  /**
   * Parses a formula and reports syntax errors and names that are not in `known`.
   * Returns the referenced names, or undefined when the formula does not parse.
   */
  formula(path: ConfigPath, src: string, known: readonly string[], noun: string): string[] | undefined {
    const parsed = parseFormula(src);
    if (!parsed.ok) {
      this.add(path, `formula: ${parsed.error.message}`, { charIndex: parsed.error.index });
      return undefined;
    }
    const refs = formulaReferences(parsed.ast);
    for (const name of refs) {
      if (!known.includes(name)) {
        this.add(path, `formula: ${unknownName(noun, name, known)}`, { charIndex: indexOfName(src, name) });
      }
    }
    return refs;
  }

  /** A target: a formula's names must be inputs or KPIs; a number must fit the KPI's unit. */
  target(path: ConfigPath, target: RawTarget, kpi: RawKpi | undefined): void {
    if (typeof target === 'number') {
      if (kpi) this.targetFitsUnit(path, target, kpi);
      return;
    }
    const inputs = target.inputs ?? {};
    const refs = this.formula(
      [...path, 'formula'],
      target.formula,
      [...Object.keys(inputs), ...this.kpiIds],
      'KPI or input',
    );
    for (const name of Object.keys(inputs)) {
      if (this.kpi(name)) {
        this.add([...path, 'inputs', name], `input "${name}" has the name of a KPI; rename the input`, { at: 'key' });
      } else if (refs && !refs.includes(name)) {
        this.add([...path, 'inputs', name], `input "${name}" is not used by the formula`, { at: 'key' });
      }
    }
  }

  targetFitsUnit(path: ConfigPath, value: number, kpi: RawKpi): void {
    const unit = kpi.unit;
    // Percent targets are fractions; a bare 15 almost always meant 15 %.
    if (unit === 'percent' && Math.abs(value) > 10) {
      this.add(path, `${value} is ${value * 100}%: write percentages with a % sign (15%) or as a fraction (0.15)`);
    }
    if (typeof unit === 'object' && 'score' in unit && value > unit.score) {
      this.add(path, `${value} is above the top of the scale (${unit.score})`);
    }
    if (value < 0) this.add(path, 'a target cannot be negative');
  }

  /** A comparator must agree with the KPI's direction: "at least" for higher, "at most" for lower. */
  comparator(path: ConfigPath, comparator: string | undefined, kpi: RawKpi | undefined): void {
    if (!comparator || !kpi) return;
    const direction = kpi.direction ?? 'higher';
    const higher = comparator === '>=' || comparator === '>';
    if (higher !== (direction === 'higher')) {
      this.add(
        path,
        `comparator "${comparator}" contradicts the KPI's direction (${direction} is better): use ${direction === 'higher' ? '">=" or ">"' : '"<=" or "<"'}`,
      );
    }
  }
}
