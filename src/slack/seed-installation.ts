// With the multi-workspace install, a SLACK_BOT_TOKEN set as well keeps serving its own workspace: at
// start its auth.test names the workspace, and the token is stored as that workspace's installation
// (replacing an older one), so a deployment that began with one workspace keeps working while others
// install through /slack/install. A token Slack refuses stops the start, as with one workspace: the
// environment names a token that does not work.
import type { webApi } from '@slack/bolt';
import type { Installation } from '@slack/oauth';
import type { SlackInstallationsRepo } from '../store/slack-installations.repo.js';
import type { SlackLog } from './log.js';

export async function seedInstallationFromToken(a: {
  readonly client: webApi.WebClient;
  readonly token: string;
  readonly repo: SlackInstallationsRepo;
  readonly log: SlackLog;
  readonly now: () => Date;
}): Promise<void> {
  const res = await a.client.auth.test({ token: a.token });
  if (!res.team_id || !res.user_id) return;
  const enterprise = res.enterprise_id ? { id: res.enterprise_id } : undefined;
  const current = await a.repo.find({ teamId: res.team_id, isEnterpriseInstall: false });
  if ((current?.installation as Installation | undefined)?.bot?.token === a.token) return;
  const installation: Installation<'v2', false> = {
    team: { id: res.team_id, ...(res.team ? { name: res.team } : {}) },
    enterprise,
    user: { token: undefined, scopes: undefined, id: res.user_id },
    bot: { token: a.token, scopes: [], id: res.bot_id ?? '', userId: res.user_id },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
  const at = a.now().toISOString();
  await a.repo.save(
    {
      teamId: res.team_id,
      enterpriseId: enterprise?.id ?? null,
      isEnterpriseInstall: false,
      installation,
      installedAt: at,
    },
    { at },
  );
  a.log.info({ team: res.team_id }, 'SLACK_BOT_TOKEN stored as the installation of its workspace');
}
