// How a simulated rep fills in a check-in form (seeded history and `simulate`): each number near the
// weekly share of the rep's objective for that KPI, scaled by the rep's own form of the moment, so a
// leaderboard has a spread; now and then a win or a blocker, in the rep's language.
import type { Locale, PeriodKind, Role, Workspace } from '../core/domain/model.js';
import type { CheckInFormView, NumberField } from '../core/views.js';
import type { Random } from './prng.js';

const WEEKS_PER: Readonly<Record<PeriodKind, number>> = { week: 1, month: 52 / 12, quarter: 13, year: 52 };
const BY_KIND: Readonly<Record<string, number>> = { activity: 20, pipeline: 4, result: 2, quality: 1 };

// Example free text a rep might type; data of the simulation, not interface strings.
const WINS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Booked a demo with a target account', 'Closed the renewal early', 'Great discovery call with a new lead', 'Two referrals from happy customers'],
  fr: ['Démo calée avec un compte cible', 'Renouvellement signé en avance', 'Très bon appel de découverte', 'Deux recommandations de clients satisfaits'],
};
const BLOCKERS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Waiting on legal for the contract review', 'CRM sync was down two days', 'Pricing approval is slow'],
  fr: ['En attente du juridique pour le contrat', 'Synchro CRM en panne deux jours', 'Validation tarifaire trop lente'],
};

/** The weekly amount a rep of this role is expected to report for a KPI. */
export function weeklyExpectation(workspace: Workspace, role: Role | undefined, kpiId: string): number {
  const objective = role?.objectives.find((o) => o.kpi === kpiId && 'value' in o.target);
  if (objective && 'value' in objective.target) return objective.target.value / WEEKS_PER[objective.per];
  const kpi = workspace.kpis[kpiId];
  if (kpi?.direction === 'lower') return 1;
  return BY_KIND[kpi?.kind ?? 'activity'] ?? 5;
}

function value(field: NumberField, expected: number, lowerIsBetter: boolean, form: number, rng: Random): number {
  const raw = lowerIsBetter ? rng.int(0, Math.max(1, Math.round(expected * 2 * (1.5 - form / 2)))) : Math.round(expected * form * rng.between(0.7, 1.3));
  return Math.min(field.max, Math.max(field.min, raw));
}

export interface SimulatedAnswer {
  readonly numbers: Record<string, string>;
  readonly wins?: string;
  readonly blockers?: string;
}

/** `form` is the rep's form of the moment: 1 is on target, 0.6 well below, 1.3 well above. */
export function simulatedAnswer(workspace: Workspace, roleId: string | undefined, view: CheckInFormView, form: number, rng: Random): SimulatedAnswer {
  const role = roleId ? workspace.roles[roleId] : undefined;
  const numbers: Record<string, string> = {};
  for (const field of view.numbers) {
    const lower = workspace.kpis[field.id]?.direction === 'lower';
    numbers[field.id] = String(value(field, weeklyExpectation(workspace, role, field.id), lower, form, rng));
  }
  // A simulated rep keeps the workspace's sanity rules: never more no-shows than meetings booked.
  for (const field of view.numbers) {
    const other = workspace.kpis[field.id]?.atMost;
    if (other !== undefined && numbers[other] !== undefined) numbers[field.id] = String(Math.min(Number(numbers[field.id]), Number(numbers[other])));
  }
  const locale = view.locale;
  const wins = rng.chance(0.5) ? rng.pick(WINS[locale]) : undefined;
  const blockers = rng.chance(0.3) ? rng.pick(BLOCKERS[locale]) : undefined;
  return { numbers, ...(wins ? { wins } : {}), ...(blockers ? { blockers } : {}) };
}
