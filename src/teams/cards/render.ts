// Renders any neutral view to the Adaptive Cards Teams shows: one card for most views, several for a
// view too big for one message, through one function per view type (TEAMS_RENDERERS, the core's
// renderer contract). Views arrive as stored JSON (outbox): the gateway checks their shape first.
import type { View } from '../../core/view-models.js';
import { renderWith, type ViewRenderers } from '../../core/view-renderers.js';
import { breachNudgeCard, escalationCard } from './breach.js';
import { checkInFormCard, checkInPromptCard, confirmationCard, reminderCard } from './check-in.js';
import { type AdaptiveCard, CARD_CONTENT_TYPE } from './common.js';
import { decisionFormCard } from './decision.js';
import { myGoalsCards } from './goals.js';
import { leaderboardCards, myRankCard } from './leaderboard.js';
import { noticeCard } from './notice.js';
import { collectiveProgressCards } from './progress.js';
import { type ChartImages, monthlyReviewCards, qbrCards } from './review.js';
import { standupCards } from './standup.js';
import { targetFormCard } from './target.js';

export interface RenderOptions {
  /** For a review or QBR: the image URL of each chart id (see chart-images.ts); others show as text. */
  readonly chartImages?: ChartImages;
}

/** The Adaptive Cards of each view type: one card for most, several for a view too big for one message. */
export const TEAMS_RENDERERS: ViewRenderers<AdaptiveCard[], RenderOptions> = {
  checkin_prompt: (v) => [checkInPromptCard(v)],
  checkin_form: (v) => [checkInFormCard(v)],
  checkin_confirmation: (v) => [confirmationCard(v)],
  checkin_reminder: (v) => [reminderCard(v)],
  leaderboard: (v) => leaderboardCards(v),
  my_rank: (v) => [myRankCard(v)],
  collective_progress: (v) => collectiveProgressCards(v),
  breach_nudge: (v) => [breachNudgeCard(v)],
  escalation: (v) => [escalationCard(v)],
  standup_summary: (v) => standupCards(v),
  monthly_review: (v, opts) => monthlyReviewCards(v, opts.chartImages),
  qbr: (v, opts) => qbrCards(v, opts.chartImages),
  my_goals: (v) => myGoalsCards(v),
  decision_form: (v) => [decisionFormCard(v)],
  target_form: (v) => [targetFormCard(v)],
  notice: (v) => [noticeCard(v)],
};

export function renderCards(view: View, opts: RenderOptions = {}): AdaptiveCard[] {
  return renderWith(TEAMS_RENDERERS, view, opts);
}

export interface CardAttachment {
  readonly contentType: typeof CARD_CONTENT_TYPE;
  readonly content: AdaptiveCard;
}

export function attachment(card: AdaptiveCard): CardAttachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}

/** The message activity carrying one card; `summary` is what notifications show. */
export function cardActivity(
  card: AdaptiveCard,
  summary: string,
): { type: 'message'; summary: string; attachments: CardAttachment[] } {
  return { type: 'message', summary: summary.slice(0, 280), attachments: [attachment(card)] };
}
