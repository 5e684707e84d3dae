// Renders any neutral view to what Slack takes: `{ text, blocks }` for a message, a modal view, or the
// App Home tab, through one Block Kit function per view type (SLACK_RENDERERS, the core's renderer
// contract). Every result is cut to the surface's block limit.
import type { types } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import type { MyGoalsView, NoticeView, View } from '../../core/view-models.js';
import { renderWith, type ViewRenderers } from '../../core/view-renderers.js';
import { breachNudgeBlocks, escalationBlocks } from './breach.js';
import {
  checkInModal,
  checkInPromptBlocks,
  confirmationBlocks,
  type FormOrigin,
  formAsMessageBlocks,
  reminderBlocks,
} from './check-in.js';
import { esc, fallbackText, fitBlocks, section } from './common.js';
import { decisionFormBlocks, decisionModal } from './decision.js';
import { myGoalsBlocks } from './goals.js';
import { managerActionBlocks } from './home-actions.js';
import { leaderboardBlocks, myRankBlocks } from './leaderboard.js';
import { type Block, LIMITS } from './limits.js';
import { noticeBlocks, noticeModal } from './notice.js';
import { collectiveProgressBlocks } from './progress.js';
import { monthlyReviewBlocks, qbrBlocks } from './review.js';
import { standupBlocks } from './standup.js';
import { targetFormBlocks, targetModal } from './target.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** Block Kit for each view type, as a message. A form here is its message form; renderModal holds the inputs. */
export const SLACK_RENDERERS: ViewRenderers<Block[]> = {
  checkin_prompt: checkInPromptBlocks,
  checkin_form: formAsMessageBlocks,
  checkin_confirmation: confirmationBlocks,
  checkin_reminder: reminderBlocks,
  leaderboard: leaderboardBlocks,
  my_rank: myRankBlocks,
  collective_progress: collectiveProgressBlocks,
  breach_nudge: breachNudgeBlocks,
  escalation: escalationBlocks,
  standup_summary: (v) => standupBlocks(v),
  monthly_review: monthlyReviewBlocks,
  qbr: qbrBlocks,
  my_goals: (v) => myGoalsBlocks(v),
  decision_form: decisionFormBlocks,
  target_form: targetFormBlocks,
  notice: noticeBlocks,
};

const blocksFor = (view: View): Block[] => renderWith(SLACK_RENDERERS, view, undefined);

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
    view.type === 'my_goals'
      ? [
          ...myGoalsBlocks(view, LIMITS.blocks.home - manager.length).flatMap((b, i) =>
            i === 1 ? [b, ...manager] : [b],
          ),
        ]
      : noticeBlocks(view);
  return { type: 'home', blocks: fitBlocks(blocks, LIMITS.blocks.home, view.locale) };
}

/** A last-resort message when a view cannot be read: never a stack trace, only its text. */
export function plainMessage(text: string, locale: Locale): SlackMessage {
  return { text: fallbackText(text), blocks: fitBlocks([section(esc(text))], LIMITS.blocks.message, locale) };
}
