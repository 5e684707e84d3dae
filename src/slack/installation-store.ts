// @slack/oauth's InstallationStore over the database (store/slack-installations.repo.ts): what the OAuth
// callback stores, what authorize() fetches for each incoming request, and what an uninstall deletes.
// A workspace of an Enterprise Grid organisation with an org-wide install is served by that install.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { SlackInstallationsRepo } from '../store/slack-installations.repo.js';

export function createInstallationStore(
  repo: SlackInstallationsRepo,
  now: () => Date = () => new Date(),
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const isEnterpriseInstall = installation.isEnterpriseInstall === true;
      const at = now().toISOString();
      await repo.save(
        {
          teamId: installation.team?.id ?? null,
          enterpriseId: installation.enterprise?.id ?? null,
          isEnterpriseInstall,
          installation,
          installedAt: at,
        },
        { at },
      );
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await findInstallation(repo, query);
      if (!found) throw new Error('no Slack installation for this workspace');
      return found;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      await repo.delete(queryOf(query));
    },
  };
}

const queryOf = (q: InstallationQuery<boolean>) => ({
  ...(q.teamId ? { teamId: q.teamId } : {}),
  ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
  isEnterpriseInstall: q.isEnterpriseInstall === true,
});

/** The installation serving a query: the workspace's own, else its organisation's org-wide install. */
export async function findInstallation(
  repo: SlackInstallationsRepo,
  query: InstallationQuery<boolean>,
): Promise<Installation | undefined> {
  const own = await repo.find(queryOf(query));
  if (own) return own.installation as Installation;
  if (query.enterpriseId && query.isEnterpriseInstall !== true) {
    const org = await repo.find({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true });
    if (org) return org.installation as Installation;
  }
  return undefined;
}
