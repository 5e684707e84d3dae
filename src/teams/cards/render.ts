// Renders any neutral view to the Adaptive Cards Teams shows: one card for most views, several for a
// view too big for one message. Views arrive as stored JSON (outbox), so their shape is checked first.
import type { CheckInFormView, View } from '../../core/view-models.js';
import { breachNudgeCard, escalationCard } from './breach.js';
import { checkInFormCard, checkInPromptCard, confirmationCard, reminderCard } from './check-in.js';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './common.js';
import { decisionFormCard } from './decision.js';
import { myGoalsCards } from './goals.js';
import { leaderboardCards, myRankCard } from './leaderboard.js';
import { noticeCard } from './notice.js';
import { collectiveProgressCards } from './progress.js';
import { monthlyReviewCards, qbrCards, type ChartImages } from './review.js';
import { standupCards } from './standup.js';
import { targetFormCard } from './target.js';

export interface RenderOptions {
  /** For a check-in prompt: the form to put on the card itself. */
  readonly form?: CheckInFormView;
  /** For a review or QBR: the image URL of each chart id (see chart-images.ts); others show as text. */
  readonly chartImages?: ChartImages;
}

export function renderCards(view: View, opts: RenderOptions = {}): AdaptiveCard[] {
  switch (view.type) {
    case 'checkin_prompt':
      return [checkInPromptCard(view, opts.form)];
    case 'checkin_form':
      return [checkInFormCard(view)];
    case 'checkin_confirmation':
      return [confirmationCard(view)];
    case 'checkin_reminder':
      return [reminderCard(view)];
    case 'leaderboard':
      return leaderboardCards(view);
    case 'my_rank':
      return [myRankCard(view)];
    case 'collective_progress':
      return collectiveProgressCards(view);
    case 'breach_nudge':
      return [breachNudgeCard(view)];
    case 'escalation':
      return [escalationCard(view)];
    case 'standup_summary':
      return standupCards(view);
    case 'monthly_review':
      return monthlyReviewCards(view, opts.chartImages);
    case 'qbr':
      return qbrCards(view, opts.chartImages);
    case 'my_goals':
      return myGoalsCards(view);
    case 'decision_form':
      return [decisionFormCard(view)];
    case 'target_form':
      return [targetFormCard(view)];
    case 'notice':
      return [noticeCard(view)];
  }
}

export interface CardAttachment {
  readonly contentType: typeof CARD_CONTENT_TYPE;
  readonly content: AdaptiveCard;
}

export function attachment(card: AdaptiveCard): CardAttachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}

/** The message activity carrying one card; `summary` is what notifications show. */
export function cardActivity(card: AdaptiveCard, summary: string): { type: 'message'; summary: string; attachments: CardAttachment[] } {
  return { type: 'message', summary: summary.slice(0, 280), attachments: [attachment(card)] };
}
