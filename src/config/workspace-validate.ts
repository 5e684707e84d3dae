// Cross-reference checks of a workspace config whose shape zod already accepted: settings that must
// agree, KPI formulas (syntax, unknown names, cycles), and roles (check-in KPIs, objectives, targets).
// Team checks live in validate-teams.ts. Every problem is collected; nothing stops at the first one.
import { findCycle } from '../core/domain/formula.js';
import { Checker } from './validate-context.js';
import { validateTeams } from './validate-teams.js';
import type { RawWorkspace } from './workspace-schema.js';
import type { ConfigIssue } from './yaml-positions.js';

export function validateWorkspace(ws: RawWorkspace): ConfigIssue[] {
  const c = new Checker(ws);
  checkSettings(c);
  checkKpis(c);
  checkRoles(c);
  validateTeams(c);
  return c.issues;
}

function checkSettings(c: Checker): void {
  const status = c.ws.workspace.status;
  const onTrack = status?.on_track ?? 1;
  const atRisk = status?.at_risk ?? 0.85;
  if (atRisk > onTrack) {
    c.add(
      ['workspace', 'status', status?.at_risk === undefined ? 'on_track' : 'at_risk'],
      `at_risk (${atRisk}) must not be above on_track (${onTrack})`,
    );
  }
  if (atRisk <= 0) c.add(['workspace', 'status', 'at_risk'], 'must be above 0');
}

function checkKpis(c: Checker): void {
  const deps = new Map<string, readonly string[]>();
  for (const [id, kpi] of Object.entries(c.ws.kpis)) {
    const path = ['kpis', id];
    if (kpi.formula !== undefined) {
      if (kpi.source !== undefined) {
        c.add([...path, 'source'], 'a formula KPI is computed from other KPIs and has no source: remove source', {
          at: 'key',
        });
      }
      if (kpi.aggregation !== undefined) {
        // Ratios are derived from the period's aggregated base values, never averaged themselves.
        c.add(
          [...path, 'aggregation'],
          'a formula KPI is computed from the aggregated values of its inputs: remove aggregation',
          { at: 'key' },
        );
      }
      const refs = c.formula([...path, 'formula'], kpi.formula, c.kpiIds, 'KPI');
      deps.set(id, refs ?? []);
      continue;
    }
    if (kpi.max !== undefined && !(kpi.max > 0)) c.add([...path, 'max'], 'the hard limit must be above 0');
    if (kpi.at_most !== undefined) {
      const other = c.kpiRef([...path, 'at_most'], kpi.at_most);
      if (kpi.at_most === id) c.add([...path, 'at_most'], 'a KPI cannot be at most itself: name another KPI');
      else if (other?.formula !== undefined)
        c.add(
          [...path, 'at_most'],
          `"${kpi.at_most}" is computed by a formula and never typed in a check-in: name a KPI people report`,
        );
    }
    const summed = (kpi.aggregation ?? 'sum') === 'sum';
    const ratioLike = kpi.unit === 'percent' || (typeof kpi.unit === 'object' && 'score' in kpi.unit);
    if (summed && ratioLike) {
      c.add(
        [...path, 'aggregation'],
        'percentages and scores cannot be summed: set aggregation to average, last, min or max, or compute the KPI with a formula',
      );
    }
  }
  const cycle = findCycle(deps);
  if (cycle) c.add(['kpis', cycle[0]!, 'formula'], `formula cycle: ${cycle.join(' -> ')}`);
}

function checkRoles(c: Checker): void {
  for (const [roleId, role] of Object.entries(c.ws.roles ?? {})) {
    const path = ['roles', roleId];
    const asked = new Set<string>();
    (role.checkin ?? []).forEach((id, i) => {
      const at = [...path, 'checkin', i];
      if (asked.has(id)) c.add(at, `"${id}" is asked twice in the check-in`);
      asked.add(id);
      const kpi = c.kpiRef(at, id);
      if (!kpi) return;
      if (kpi.formula !== undefined) {
        c.add(at, `"${id}" is computed by a formula and cannot be asked: ask for the KPIs it is computed from`);
      } else if (kpi.source !== undefined && !kpi.source.includes('checkin')) {
        c.add(at, `"${id}" comes from ${kpi.source.join(' and ')}, not from the check-in: add checkin to its source`);
      }
    });

    const seen = new Map<string, number>();
    (role.objectives ?? []).forEach((o, i) => {
      const at = [...path, 'objectives', i];
      const kpi = c.kpiRef([...at, 'kpi'], o.kpi);
      const key = `${o.kpi}|${o.per}|${JSON.stringify(Object.entries(o.segment ?? {}).sort())}`;
      const first = seen.get(key);
      if (first !== undefined) {
        c.add(
          [...at, 'kpi'],
          `a second objective on "${o.kpi}" per ${o.per} in role "${roleId}" (the first is objectives[${first}])`,
        );
      } else {
        seen.set(key, i);
      }
      c.comparator([...at, 'comparator'], o.comparator, kpi);
      c.target([...at, 'target'], o.target, kpi);
      let previous: string | undefined;
      (o.history ?? []).forEach((change, j) => {
        c.target([...at, 'history', j, 'target'], change.target, kpi);
        if (previous !== undefined && change.from <= previous) {
          c.add(
            [...at, 'history', j, 'from'],
            `target changes must be in date order: ${change.from} is not after ${previous}`,
          );
        }
        previous = change.from;
      });
    });
  }
}
