// After the Slack app leaves a workspace, that workspace's teams' managers are told, in their language,
// wherever they can still be reached (Teams, or another installed Slack workspace); a manager reachable
// only through the workspace that left is logged, not queued. Real SQLite outbox, real migrations.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUninstallAlerts } from '../../../src/compose/uninstall-alerts.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { captureLog } from '../../helpers/capture-log.js';
import { FLOW_WORKSPACE } from './core-harness.js';

describe('managers told when the Slack app is uninstalled', () => {
  let store: Store;
  let workspace: Workspace;
  beforeEach(async () => {
    const yaml = (await readFile(FLOW_WORKSPACE, 'utf8'))
      .replace('channels: { slack: C0SALES }', 'channels: { slack: C0SALES, slack_team: T0ACME }')
      .replace('slack: U0MAYA }', 'slack: U0MAYA, locale: fr, teams: 00000000-0000-0000-0000-0000000000aa }');
    const parsed = parseWorkspace(yaml, FLOW_WORKSPACE);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    workspace = parsed.workspace;
    store = await openStore(':memory:');
    await syncWorkspace(store, workspace, { actor: 'config', at: '2026-11-18T10:00:00.000Z' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('queues a French notice to the manager on Teams, and nothing for a workspace of no team', async () => {
    const outbox = createOutboxRepo(store);
    const log = captureLog();
    const alert = createUninstallAlerts({
      workspace: () => workspace,
      outbox,
      reachOtherThanSlackWorkspace: (d) => (d.kind === 'dm' && d.memberId === 'maya' ? 'teams' : undefined),
      installUrl: 'https://rituals.example.com/slack/install',
      clock: { now: () => new Date('2026-11-18T10:00:00Z') },
      log,
    });
    await alert({ teamId: 'T0OTHER' });
    expect(await outbox.claim({ at: '2026-11-18T10:00:01.000Z', limit: 10, leaseMs: 1000 })).toEqual([]);

    await alert({ teamId: 'T0ACME' });
    const [item, ...rest] = await outbox.claim({ at: '2026-11-18T10:00:01.000Z', limit: 10, leaseMs: 1000 });
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ platform: 'teams', destination: { kind: 'dm', memberId: 'maya' } });
    expect(item!.view).toMatchObject({
      type: 'notice',
      locale: 'fr',
      title: 'Goal Rituals a été retiré de Slack',
      body: 'L’application a été désinstallée de l’espace Slack de Sales, ou son accès révoqué : ses jetons sont supprimés et plus rien n’y est publié. Pour reprendre, réinstallez-la depuis https://rituals.example.com/slack/install.',
    });
  });

  it('logs a manager it cannot reach anywhere else', async () => {
    const outbox = createOutboxRepo(store);
    const log = captureLog();
    const alert = createUninstallAlerts({
      workspace: () => workspace,
      outbox,
      reachOtherThanSlackWorkspace: () => undefined,
      installUrl: '/slack/install',
      clock: { now: () => new Date('2026-11-18T10:00:00Z') },
      log,
    });
    await alert({ teamId: 'T0ACME' });
    expect(await outbox.claim({ at: '2026-11-18T10:00:01.000Z', limit: 10, leaseMs: 1000 })).toEqual([]);
    expect(log.entries.filter((e) => e.level === 'warn').map((e) => e.obj)).toEqual([
      { team: 'sales', manager: 'maya', slackTeam: 'T0ACME' },
    ]);
  });
});
