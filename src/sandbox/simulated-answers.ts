// How a simulated rep fills in a check-in form (seeded history, colleagues and `simulate`): the numbers
// follow a sales funnel, so they read like a real team's (meetings below calls, proposals below
// opportunities, win rates of 15–40 %). Top-of-funnel figures start near the weekly share of the rep's
// objective (or a typical weekly volume), scaled by the rep's own form of the moment; each later stage
// is a share of the one before. Now and then a win or a blocker, in the rep's language.
import type { Locale, PeriodKind, Role, Workspace } from '../core/domain/model.js';
import type { CheckInFormView, NumberField } from '../core/view-models.js';
import { hashSeed, mulberry32, type Random } from './prng.js';

const WEEKS_PER: Readonly<Record<PeriodKind, number>> = { week: 1, month: 52 / 12, quarter: 13, year: 52 };
const BY_KIND: Readonly<Record<string, number>> = { activity: 20, pipeline: 4, result: 2, quality: 1 };

/** A funnel stage: a typical weekly volume, or a share of an earlier stage of the same form. */
type Stage = { readonly weekly: number } | { readonly of: string; readonly min: number; readonly max: number };

// Typical weekly figures of the bundled example's check-in KPIs (data of the simulation, not interface
// strings); other KPIs fall back on their objective's weekly share. Stages name earlier ones only.
const FUNNEL: Readonly<Record<string, Stage>> = {
  calls: { weekly: 70 },
  meetings_booked: { of: 'calls', min: 0.14, max: 0.2 },
  qualified_meetings: { of: 'meetings_booked', min: 0.7, max: 0.88 },
  no_shows: { of: 'meetings_booked', min: 0.03, max: 0.14 },
  sql_accepted: { of: 'qualified_meetings', min: 0.33, max: 0.45 },
  icp_opportunities: { of: 'sql_accepted', min: 0.3, max: 0.6 },
  opportunities: { weekly: 5 },
  proposals_sent: { of: 'opportunities', min: 0.5, max: 0.8 },
  deals_won: { of: 'proposals_sent', min: 0.25, max: 0.45 },
  deals_lost: { of: 'proposals_sent', min: 0.55, max: 1 },
  upsells: { weekly: 0.35 },
  abm_meetings: { weekly: 4 },
  tickets_resolved: { weekly: 45 },
};

// Example free text a rep might type; data of the simulation, not interface strings.
const WINS: Readonly<Record<Locale, readonly string[]>> = {
  en: [
    'Booked a demo with a target account',
    'Closed the renewal early',
    'Great discovery call with a new lead',
    'Two referrals from happy customers',
  ],
  fr: [
    'Démo calée avec un compte cible',
    'Renouvellement signé en avance',
    'Très bon appel de découverte',
    'Deux recommandations de clients satisfaits',
  ],
};
const BLOCKERS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Waiting on legal for the contract review', 'CRM sync was down two days', 'Pricing approval is slow'],
  fr: ['En attente du juridique pour le contrat', 'Synchro CRM en panne deux jours', 'Validation tarifaire trop lente'],
};

/** A rep's steady level (the spread of the leaderboard): 0.75 to 1.25, the same for a seed and a member
 * in check-ins and in the CRM's figures. */
export function repLevel(seed: number, memberId: string): number {
  return mulberry32(hashSeed(`${seed}:${memberId}`)).between(0.75, 1.25);
}

/** The weekly amount a rep of this role is expected to report for a KPI. */
export function weeklyExpectation(workspace: Workspace, role: Role | undefined, kpiId: string): number {
  const objective = role?.objectives.find((o) => o.kpi === kpiId && 'value' in o.target);
  if (objective && 'value' in objective.target) return objective.target.value / WEEKS_PER[objective.per];
  const stage = FUNNEL[kpiId];
  if (stage && 'weekly' in stage) return stage.weekly;
  const kpi = workspace.kpis[kpiId];
  if (kpi?.direction === 'lower') return 1;
  return BY_KIND[kpi?.kind ?? 'activity'] ?? 5;
}

/** Rounds to a whole number at random in proportion (0.3 is 1 three times in ten), so small weekly
 * figures such as 0.25 references a week still add up over a quarter. */
export function roundCount(x: number, rng: Random): number {
  const floor = Math.floor(x);
  return floor + (rng.next() < x - floor ? 1 : 0);
}

const clamp = (field: NumberField, n: number): number => Math.min(field.max, Math.max(field.min, n));

export interface SimulatedAnswer {
  readonly numbers: Record<string, string>;
  readonly wins?: string;
  readonly blockers?: string;
}

/** `form` is the rep's form of the moment: 1 is on target, 0.6 well below, 1.3 well above. */
export function simulatedAnswer(
  workspace: Workspace,
  roleId: string | undefined,
  view: CheckInFormView,
  form: number,
  rng: Random,
): SimulatedAnswer {
  const role = roleId ? workspace.roles[roleId] : undefined;
  const values = new Map<string, number>();
  const numbers: Record<string, string> = {};
  for (const field of view.numbers) {
    const stage = FUNNEL[field.id];
    const parent = stage && 'of' in stage ? values.get(stage.of) : undefined;
    let n: number;
    if (stage && 'of' in stage && parent !== undefined) n = roundCount(parent * rng.between(stage.min, stage.max), rng);
    else if (workspace.kpis[field.id]?.direction === 'lower')
      n = roundCount(weeklyExpectation(workspace, role, field.id) * rng.between(0.3, 1.2), rng);
    else n = roundCount(weeklyExpectation(workspace, role, field.id) * form * rng.between(0.9, 1.1), rng);
    values.set(field.id, clamp(field, n));
    numbers[field.id] = String(values.get(field.id));
  }
  // A simulated rep keeps the workspace's sanity rules: never more no-shows than meetings booked.
  for (const field of view.numbers) {
    const other = workspace.kpis[field.id]?.atMost;
    if (other !== undefined && numbers[other] !== undefined)
      numbers[field.id] = String(Math.min(Number(numbers[field.id]), Number(numbers[other])));
  }
  const locale = view.locale;
  const wins = rng.chance(0.5) ? rng.pick(WINS[locale]) : undefined;
  const blockers = rng.chance(0.3) ? rng.pick(BLOCKERS[locale]) : undefined;
  return { numbers, ...(wins ? { wins } : {}), ...(blockers ? { blockers } : {}) };
}
