// The manager's row of actions on the App Home tab: the team's stand-up and table (privately), and
// running the check-in, the leaderboard or the collective progress now. Each button carries the command it stands for (the same
// text a manager could type, with the team's id), read by the actions listener like a typed command,
// with the same rights checks in the core.
import { type MessageKey, t } from '../../core/i18n/index.js';
import type { MyGoalsView } from '../../core/view-models.js';
import { actionIdFor, context, esc } from './common.js';
import { type Block, clip, LIMITS } from './limits.js';

/** Action id (before `#`) of a Home button that runs a command. */
export const HOME_COMMAND_ACTION = 'home.command' as const;

const ACTIONS: readonly { readonly label: MessageKey; readonly command: string; readonly primary?: boolean }[] = [
  { label: 'home.manager.standup', command: 'standup', primary: true },
  // The team's table (this week's ranking), for the manager only: nothing is posted.
  { label: 'home.manager.table', command: 'leaderboard' },
  { label: 'home.manager.runCheckin', command: 'run checkin' },
  { label: 'home.manager.runLeaderboard', command: 'run leaderboard' },
  { label: 'home.manager.runProgress', command: 'run progress' },
];

/** The blocks it takes: a title line and the buttons (none for a member who manages no team). */
export function managerActionBlocks(v: MyGoalsView): Block[] {
  if (!v.team) return [];
  const team = v.team.teamId;
  return [
    context(`*${esc(t(v.locale, 'home.manager.title'))}*`)!,
    {
      type: 'actions',
      block_id: 'rituals_manager_actions',
      elements: ACTIONS.map((a, i) => ({
        type: 'button' as const,
        action_id: actionIdFor(HOME_COMMAND_ACTION, i),
        text: { type: 'plain_text' as const, text: clip(t(v.locale, a.label), LIMITS.buttonText), emoji: true },
        value: `${a.command} ${team}`,
        ...(a.primary ? { style: 'primary' as const } : {}),
      })),
    },
  ];
}
