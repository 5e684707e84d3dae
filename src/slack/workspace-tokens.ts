// Which bot token a Web API call uses. With one bot token (SLACK_BOT_TOKEN) it is always that one. With
// the multi-workspace install it is the token of the workspace concerned: the request's own (see
// request-auth.ts), else the installation of the Slack team id the config gives the member or channel,
// else the only installation there is (one workspace needs no team ids in the config; an org-wide
// install serves its organisation's workspaces). Undefined when no installation serves it: the message
// cannot go out until the app is installed there.
import type { Installation } from '@slack/oauth';
import type { SlackInstallationsRepo } from '../store/slack-installations.repo.js';
import { findInstallation } from './installation-store.js';
import { requestAuth } from './request-auth.js';

export interface WorkspaceTokens {
  readonly multiWorkspace: boolean;
  /** The bot token for the Slack workspace `slackTeam` (undefined: the only one, or the request's). */
  tokenFor(slackTeam: string | undefined): Promise<string | undefined>;
}

export function singleToken(token: string): WorkspaceTokens {
  return { multiWorkspace: false, tokenFor: async () => token };
}

export function installedTokens(repo: SlackInstallationsRepo): WorkspaceTokens {
  const botToken = (i: Installation | undefined) => i?.bot?.token;
  return {
    multiWorkspace: true,
    async tokenFor(slackTeam) {
      const request = requestAuth();
      if (request?.token && (!slackTeam || !request.teamId || request.teamId === slackTeam)) return request.token;
      if (slackTeam) {
        const own = botToken(
          await findInstallation(repo, { teamId: slackTeam, enterpriseId: undefined, isEnterpriseInstall: false }),
        );
        if (own) return own;
      }
      // A single installation serves a config that names no workspace; a named workspace without its own
      // installation is served only by an org-wide install that is the only one (a Grid-only deployment).
      const all = await repo.list();
      const only = all.length === 1 ? all[0]! : undefined;
      if (only && (!slackTeam || only.isEnterpriseInstall)) return botToken(only.installation as Installation);
      return undefined;
    },
  };
}
