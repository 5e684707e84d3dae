// Renders any neutral view to what Slack takes: `{ text, blocks }` for a message, a modal view, or the
// App Home tab. Every result is cut to the surface's block limit.
import type { types } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import type { MyGoalsView, NoticeView, View } from '../../core/view-models.js';
import { breachNudgeBlocks, escalationBlocks } from './breach.js';
import { checkInModal, checkInPromptBlocks, confirmationBlocks, formAsMessageBlocks, reminderBlocks, type FormOrigin } from './check-in.js';
import { esc, fallbackText, fitBlocks, header, section } from './common.js';
import { decisionModal, targetModal } from './decision.js';
import { myGoalsBlocks } from './goals.js';
import { managerActionBlocks } from './home-actions.js';
import { leaderboardBlocks, myRankBlocks } from './leaderboard.js';
import { LIMITS, type Block } from './limits.js';
import { noticeBlocks, noticeModal } from './notice.js';
import { collectiveProgressBlocks } from './progress.js';
import { monthlyReviewBlocks, qbrBlocks } from './review.js';
import { standupBlocks } from './standup.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

function blocksFor(view: View): Block[] {
  switch (view.type) {
    case 'checkin_prompt':
      return checkInPromptBlocks(view);
    case 'checkin_form':
      return formAsMessageBlocks(view);
    case 'checkin_confirmation':
      return confirmationBlocks(view);
    case 'checkin_reminder':
      return reminderBlocks(view);
    case 'leaderboard':
      return leaderboardBlocks(view);
    case 'my_rank':
      return myRankBlocks(view);
    case 'collective_progress':
      return collectiveProgressBlocks(view);
    case 'breach_nudge':
      return breachNudgeBlocks(view);
    case 'escalation':
      return escalationBlocks(view);
    case 'standup_summary':
      return standupBlocks(view);
    case 'monthly_review':
      return monthlyReviewBlocks(view);
    case 'qbr':
      return qbrBlocks(view);
    case 'my_goals':
      return myGoalsBlocks(view);
    case 'decision_form':
    case 'target_form':
      return [header(view.title), section(esc(view.context))];
    case 'notice':
      return noticeBlocks(view);
  }
}

export function renderMessage(view: View): SlackMessage {
  return { text: fallbackText(view.text), blocks: fitBlocks(blocksFor(view), LIMITS.blocks.message, view.locale) };
}

/** The modal for a form; any other view becomes an informational modal (used after a submission). */
export function renderModal(view: View, origin: FormOrigin = {}, fallbackTitle = 'Goal Rituals'): types.ModalView {
  if (view.type === 'checkin_form') return checkInModal(view, origin);
  if (view.type === 'decision_form') return decisionModal(view, origin);
  if (view.type === 'target_form') return targetModal(view, origin);
  if (view.type === 'notice') return noticeModal(view, fallbackTitle);
  return {
    type: 'modal',
    title: { type: 'plain_text', text: fallbackTitle.slice(0, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'OK' },
    blocks: fitBlocks(blocksFor(view), LIMITS.blocks.modal, view.locale),
  };
}

/** The App Home tab: the member's goals (and a manager's actions), or a notice for someone who is not a member. */
export function renderHome(view: MyGoalsView | NoticeView): types.HomeView {
  const manager = view.type === 'my_goals' ? managerActionBlocks(view) : [];
  // The manager's actions come right under the title, before the (long) figures.
  const blocks =
    view.type === 'my_goals' ? [...myGoalsBlocks(view, LIMITS.blocks.home - manager.length).flatMap((b, i) => (i === 1 ? [b, ...manager] : [b]))] : noticeBlocks(view);
  return { type: 'home', blocks: fitBlocks(blocks, LIMITS.blocks.home, view.locale) };
}

/** A last-resort message when a view cannot be read: never a stack trace, only its text. */
export function plainMessage(text: string, locale: Locale): SlackMessage {
  return { text: fallbackText(text), blocks: fitBlocks([section(esc(text))], LIMITS.blocks.message, locale) };
}
