// Names shared by the end-to-end benchmarks and their fake platforms (kept free of app imports, so the
// fakes' process starts light): member ids, Slack user ids, Teams AAD ids and conversations, secrets.

export interface WorldShape {
  /** Members reached on Slack (by Slack id), spread over `slackTeams` teams. */
  readonly slackMembers: number;
  readonly slackTeams: number;
  /** Members reached on Teams (by AAD object id), in one team. */
  readonly teamsMembers: number;
}

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-bench-token';

export const slackMemberId = (i: number) => `s${i}`;
export const slackUserId = (i: number) => `U${String(i).padStart(7, '0')}`;
export const teamsMemberId = (i: number) => `t${i}`;
export const teamsAad = (i: number) => `aad-t${i}`;
/** The personal chat of Teams member i with the bot. */
export const personalConversation = (i: number) => `a:personal-t${i}`;
export const slackTeamId = (k: number) => `slack${k}`;
export const slackChannelId = (k: number) => `C${String(k).padStart(7, '0')}`;
export const TEAMS_TEAM = 'teamsteam';

/** The Slack team of Slack member i (1-based), with members spread evenly. */
export function slackTeamOf(shape: WorldShape, i: number): string {
  const perTeam = Math.ceil(shape.slackMembers / shape.slackTeams);
  return slackTeamId(Math.floor((i - 1) / perTeam) + 1);
}
