// Which use case plans a ritual's fire and which one delivers each kind of occurrence (the fire's own,
// and follow-ups such as reminders, deadlines, escalations and re-nudges).
import type { RitualId, Team } from '../../domain/model.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { CoreContext } from '../deps.js';
import { deliverClose } from '../use-cases/close-check-in.js';
import { deliverMonthlyReview } from '../use-cases/monthly-review.js';
import { deliverCheckInPrompt, planCheckIn } from '../use-cases/open-check-in.js';
import { deliverLeaderboard, planLeaderboard } from '../use-cases/post-leaderboard.js';
import { deliverProgress, planProgress } from '../use-cases/post-progress.js';
import { deliverQbr } from '../use-cases/qbr.js';
import { deliverReminder } from '../use-cases/remind.js';
import { runBreachScan } from '../use-cases/scan-breaches.js';
import { deliverStandup, planStandup } from '../use-cases/standup-summary.js';
import { deliverEscalation, deliverRenudge } from './breach-follow-ups.js';
import type { Deliverer, PlannedOccurrence } from './occurrence-runner.js';
import { planReview } from './review-schedule.js';
import type { Fire } from './schedule-fires.js';

export type Planner = (ctx: CoreContext, team: Team, fire: Fire) => Promise<PlannedOccurrence[]> | PlannedOccurrence[];

export const PLANNERS: Readonly<Record<RitualId, Planner>> = {
  checkin: planCheckIn,
  leaderboard: planLeaderboard,
  progress: planProgress,
  breach_scan: (_ctx, _team, fire) => [
    { ritual: 'breach_scan', periodKey: localDateOf(fire.at.toISOString(), fire.zone), memberId: null, dueAt: fire.at },
  ],
  standup: planStandup,
  monthly_review: (ctx, team, fire) => planReview(ctx, team, fire, 'monthly_review', 'month'),
  qbr: (ctx, team, fire) => planReview(ctx, team, fire, 'qbr', 'quarter'),
};

export function delivererFor(ctx: CoreContext): (ritual: string) => Deliverer | undefined {
  const table: Record<string, Deliverer> = {
    checkin: (occ, team, now) => deliverCheckInPrompt(ctx, occ, team, now),
    'checkin.close': (occ, team) => deliverClose(ctx, occ, team),
    leaderboard: (occ, team, now) => deliverLeaderboard(ctx, occ, team, now),
    progress: (occ, team, now) => deliverProgress(ctx, occ, team, now),
    breach_scan: async (_occ, team, now) => {
      const r = await runBreachScan(ctx, team, now);
      return { items: [], sentElsewhere: r.sent, unreachable: r.unreachable };
    },
    'breach.escalate': (occ, team, now) => deliverEscalation(ctx, occ, team, now),
    'breach.renudge': (occ, team, now) => deliverRenudge(ctx, occ, team, now),
    standup: (occ, team, now) => deliverStandup(ctx, occ, team, now),
    monthly_review: (occ, team, now) => deliverMonthlyReview(ctx, occ, team, now),
    qbr: (occ, team, now) => deliverQbr(ctx, occ, team, now),
  };
  return (ritual) =>
    table[ritual] ??
    (ritual.startsWith('checkin.reminder.') ? (occ, team, now) => deliverReminder(ctx, occ, team, now) : undefined);
}
