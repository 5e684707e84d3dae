// Slack installations on PostgreSQL (see ../slack-installations.repo.ts for the SQLite one and the
// behaviour both keep): one row per workspace or org-wide install, saved with one upsert statement so
// two replicas completing an install at once leave one row.
import { eq, sql } from 'drizzle-orm';
import {
  installationKey,
  type SlackInstallationRow,
  type SlackInstallationsRepo,
} from '../slack-installations.repo.js';
import type { PgStoreDb } from './db.js';
import { slackInstallations } from './schema.js';

type Row = typeof slackInstallations.$inferSelect;
const toRow = (r: Row): SlackInstallationRow => ({
  teamId: r.teamId,
  enterpriseId: r.enterpriseId,
  isEnterpriseInstall: r.isEnterpriseInstall,
  installation: r.installation,
  installedAt: r.installedAt,
});

export function createPgSlackInstallationsRepo(db: PgStoreDb): SlackInstallationsRepo {
  return {
    async save(row, { at }) {
      const key = installationKey(row);
      if (!key) throw new Error('a Slack installation needs a team id, or an enterprise id when org-wide');
      await db
        .insert(slackInstallations)
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
        });
    },

    async find(q) {
      const key = installationKey(q);
      if (!key) return undefined;
      const [r] = await db.select().from(slackInstallations).where(eq(slackInstallations.key, key));
      return r ? toRow(r) : undefined;
    },

    async delete(q) {
      const key = installationKey(q);
      if (!key) return false;
      const rows = await db
        .delete(slackInstallations)
        .where(eq(slackInstallations.key, key))
        .returning({ key: slackInstallations.key });
      return rows.length > 0;
    },

    async list() {
      const rows = await db.select().from(slackInstallations).orderBy(sql`${slackInstallations.key} collate "C"`);
      return rows.map(toRow);
    },
  };
}
