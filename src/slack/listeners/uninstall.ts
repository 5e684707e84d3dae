// The app removed from a workspace (app_uninstalled) or its bot token revoked (tokens_revoked): the
// installation and its tokens are deleted at once, and the composition root is told so the team's
// managers can hear of it where they can still be reached. Bolt hands these two events over without
// authorizing them (the tokens may already be gone).
import type { App } from '@slack/bolt';
import type { SlackInstallationsRepo } from '../../store/slack-installations.repo.js';
import type { SlackContext } from '../context.js';

export interface UninstallDeps {
  readonly installations: SlackInstallationsRepo;
  /** Called with the Slack workspace (or organisation) whose installation was deleted. */
  readonly onUninstalled?: (where: {
    readonly teamId?: string;
    readonly enterpriseId?: string;
  }) => void | Promise<void>;
}

interface Envelope {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: { team_id?: string | null; enterprise_id?: string | null; is_enterprise_install?: boolean }[];
}

export function registerUninstall(app: App, ctx: SlackContext, deps: UninstallDeps): void {
  const remove = async (body: unknown, why: string) => {
    const b = body as Envelope;
    const auth = b.authorizations?.[0];
    const isEnterpriseInstall = auth?.is_enterprise_install ?? b.is_enterprise_install ?? false;
    const teamId = auth?.team_id ?? b.team_id ?? undefined;
    const enterpriseId = auth?.enterprise_id ?? b.enterprise_id ?? undefined;
    const deleted = await deps.installations.delete({
      ...(teamId ? { teamId } : {}),
      ...(enterpriseId ? { enterpriseId } : {}),
      isEnterpriseInstall,
    });
    ctx.log.warn({ team: teamId, enterprise: enterpriseId, why, deleted }, 'slack installation removed');
    // An org-wide install left the whole organisation, not the one workspace the event came through.
    if (deleted)
      await deps.onUninstalled?.(
        isEnterpriseInstall && enterpriseId
          ? { enterpriseId }
          : { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) },
      );
  };
  app.event('app_uninstalled', async ({ body }) => {
    await remove(body, 'app_uninstalled');
  });
  // Only the bot token matters: a revoked user token (none is asked for) changes nothing.
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(body, 'tokens_revoked');
  });
}
