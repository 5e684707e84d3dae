// Tells a team's managers, in their language, that the Slack app was uninstalled from their workspace
// (or its token revoked): the tokens are already deleted, so they are told where they can still be
// reached — Microsoft Teams, or another Slack workspace where the app is still installed. A manager
// reachable only through the workspace that removed the app cannot be told (logged).

import type { Workspace } from '../core/domain/model.js';
import { t } from '../core/i18n/index.js';
import type { CoreLogger, Destination, OutboxPort, Platform } from '../core/ports/index.js';
import { notice } from '../core/view-builders/notice.js';

export function createUninstallAlerts(deps: {
  readonly workspace: () => Workspace;
  readonly outbox: OutboxPort;
  /** Another platform, or a Slack workspace other than `gone` (undefined: an organisation left), that reaches the destination. */
  readonly reachOtherThanSlackWorkspace: (d: Destination, gone: string | undefined) => Platform | undefined;
  /** Where an admin installs the app again (the public /slack/install URL, or its path). */
  readonly installUrl: string;
  readonly clock: { now(): Date };
  readonly log: CoreLogger;
}) {
  return async function onUninstalled(where: {
    readonly teamId?: string;
    readonly enterpriseId?: string;
  }): Promise<void> {
    const ws = deps.workspace();
    const slackId = where.teamId ?? where.enterpriseId ?? '?';
    // The teams living in that workspace: named by the config, or all of them when the config names none.
    const named = ws.teams.some((team) => team.channels.slackTeam !== undefined);
    const affected = ws.teams.filter((team) => (named ? team.channels.slackTeam === where.teamId : true));
    const at = deps.clock.now().toISOString();
    const items = affected.flatMap((team) =>
      team.managers.flatMap((managerId) => {
        const manager = team.members.find((m) => m.id === managerId);
        const destination: Destination = { kind: 'dm', memberId: managerId };
        const platform = deps.reachOtherThanSlackWorkspace(destination, where.teamId);
        if (!platform) {
          deps.log.warn(
            { team: team.id, manager: managerId, slackTeam: slackId },
            'slack uninstalled: manager not reachable elsewhere',
          );
          return [];
        }
        const locale = manager?.locale ?? team.locale;
        const body = t(locale, 'admin.slackUninstalled', { team: team.name, url: deps.installUrl });
        return [
          {
            dedupeKey: `slack-uninstalled:${slackId}:${at}:${managerId}`,
            platform,
            destination,
            view: notice(locale, 'error', body, t(locale, 'admin.slackUninstalledTitle')),
          },
        ];
      }),
    );
    if (items.length > 0) await deps.outbox.enqueue(items, { at });
  };
}
