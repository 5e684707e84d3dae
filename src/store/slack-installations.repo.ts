// Slack installations (OAuth v2), one row per workspace or per Enterprise Grid organisation (org-wide
// install). The record is kept as the Slack adapter hands it over (it holds the bot token); this repo
// only knows its keys. Used through src/slack/installation-store.ts, which speaks @slack/oauth.
import { eq } from 'drizzle-orm';
import type { Store } from './connection.js';
import { WRITE_TX } from './db.js';
import { handlesOf } from './handles.js';
import { createPgSlackInstallationsRepo } from './pg/slack-installations.repo.js';
import { slackInstallations } from './schema.js';

export interface SlackInstallationRow {
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
  /** The whole installation as the adapter stores it. */
  readonly installation: unknown;
  readonly installedAt: string;
}

export interface SlackInstallationsRepo {
  /** Inserts or replaces the installation of a workspace (or of an organisation when org-wide). */
  save(row: SlackInstallationRow, opts: { readonly at: string }): Promise<void>;
  /** The org-wide install of `enterpriseId` when `isEnterpriseInstall`, else the workspace's. */
  find(q: {
    readonly teamId?: string;
    readonly enterpriseId?: string;
    readonly isEnterpriseInstall: boolean;
  }): Promise<SlackInstallationRow | undefined>;
  /** Deletes the installation; true when there was one. */
  delete(q: {
    readonly teamId?: string;
    readonly enterpriseId?: string;
    readonly isEnterpriseInstall: boolean;
  }): Promise<boolean>;
  list(): Promise<SlackInstallationRow[]>;
}

/** The row key: an org-wide install is found by its organisation, any other by its workspace. */
export function installationKey(q: {
  readonly teamId?: string | null;
  readonly enterpriseId?: string | null;
  readonly isEnterpriseInstall: boolean;
}): string | undefined {
  if (q.isEnterpriseInstall) return q.enterpriseId ? `enterprise:${q.enterpriseId}` : undefined;
  return q.teamId ? `team:${q.teamId}` : undefined;
}

type Row = typeof slackInstallations.$inferSelect;
const toRow = (r: Row): SlackInstallationRow => ({
  teamId: r.teamId,
  enterpriseId: r.enterpriseId,
  isEnterpriseInstall: r.isEnterpriseInstall,
  installation: r.installation,
  installedAt: r.installedAt,
});

export function createSlackInstallationsRepo(store: Store): SlackInstallationsRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgSlackInstallationsRepo(h.db);
  const { db } = h;
  return {
    async save(row, { at }) {
      const key = installationKey(row);
      if (!key) throw new Error('a Slack installation needs a team id, or an enterprise id when org-wide');
      db.transaction((tx) => {
        tx.insert(slackInstallations)
          .values({
            key,
            teamId: row.teamId,
            enterpriseId: row.enterpriseId,
            isEnterpriseInstall: row.isEnterpriseInstall,
            installation: row.installation,
            installedAt: row.installedAt,
            updatedAt: at,
          })
          .onConflictDoUpdate({
            target: slackInstallations.key,
            set: {
              teamId: row.teamId,
              enterpriseId: row.enterpriseId,
              installation: row.installation,
              installedAt: row.installedAt,
              updatedAt: at,
            },
          })
          .run();
      }, WRITE_TX);
    },

    async find(q) {
      const key = installationKey(q);
      if (!key) return undefined;
      const r = db.select().from(slackInstallations).where(eq(slackInstallations.key, key)).get();
      return r ? toRow(r) : undefined;
    },

    async delete(q) {
      const key = installationKey(q);
      if (!key) return false;
      return db.delete(slackInstallations).where(eq(slackInstallations.key, key)).run().changes > 0;
    },

    async list() {
      return db.select().from(slackInstallations).orderBy(slackInstallations.key).all().map(toRow);
    },
  };
}
