// Installation and identity over real HTTP: Bot Framework activities posted to /api/messages (Emulator
// mode), references stored in the real conversation_refs table, the roster and channels read from the
// fake Bot Connector, members mapped by AAD id or by UPN, uninstall marking references dead.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { type FakeRitualsService, teamsStubService } from '../../helpers/fake-rituals-service.js';
import { activity } from '../../helpers/teams-activities.js';
import { startTeamsHarness, TEAMS_WORKSPACE, type TeamsHarness } from '../../helpers/teams-harness.js';

let h: TeamsHarness;
let svc: FakeRitualsService;

beforeEach(async () => {
  h = await startTeamsHarness({ service: (store) => (svc = teamsStubService(store)) });
});
afterEach(async () => h.stop());

const rows = () =>
  rawSqlite(h.store)
    .prepare('select platform, key, member_id, team_id, ref from conversation_refs order by key')
    .all() as {
    platform: string;
    key: string;
    member_id: string | null;
    team_id: string | null;
    ref: string;
  }[];

describe('Teams installation', () => {
  it('stores the personal conversation reference on a personal install, mapped to the member by AAD id', async () => {
    const res = await h.post(activity('personal-install', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    const [row] = rows();
    expect(row).toMatchObject({ platform: 'teams', key: 'aad-sam', member_id: 'sam', team_id: null });
    const entry = JSON.parse(row!.ref);
    expect(entry.kind).toBe('personal');
    expect(entry.ref.conversation.id).toBe('a:1personal-chat-sam');
    expect(entry.ref.serviceUrl).toBe(`${h.connector.url}/`);
    expect(entry.ref.activityId).toBeUndefined();
    expect(h.logs()).toContain('teams: app installed');
  });

  it('on a team install stores the channel (linked to the workspace team) and the roster, mapping a member by UPN', async () => {
    h.connector.channels.set('19:sales-general@thread.tacv2', [
      { id: '19:sales-general@thread.tacv2', name: 'General' },
    ]);
    h.connector.rosters.set('19:sales-general@thread.tacv2', [
      {
        id: '29:1maya-teams-user-id',
        name: 'Maya Brooks',
        aadObjectId: 'aad-maya',
        userPrincipalName: 'maya@contoso.com',
      },
      {
        id: '29:1lea-teams-user-id',
        name: 'Léa Martin',
        aadObjectId: 'aad-lea',
        userPrincipalName: 'Lea.Martin@contoso.com',
        email: 'lea.martin@contoso.com',
      },
      { id: '29:1guest', name: 'Guest', aadObjectId: 'aad-guest', userPrincipalName: 'guest@fabrikam.com' },
    ]);
    const res = await h.post(activity('team-install', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(rows().map((r) => [r.key, r]));
    expect(byKey['19:sales-general@thread.tacv2']).toMatchObject({ team_id: 'sales' });
    expect(JSON.parse(byKey['19:sales-general@thread.tacv2']!.ref)).toMatchObject({
      kind: 'channel',
      teamsTeamId: '19:sales-general@thread.tacv2',
    });
    // Lea has no Teams id in the config: found by her UPN (case-insensitive), which is then remembered.
    expect(byKey['aad-lea']).toMatchObject({ member_id: 'lea' });
    expect(JSON.parse(byKey['aad-lea']!.ref)).toMatchObject({
      kind: 'roster',
      userId: '29:1lea-teams-user-id',
      tenantId: 'tenant-contoso',
    });
    expect((await h.store.workspace.findMemberByIdentity('upn', 'lea.martin@contoso.com'))?.id).toBe('lea');
    expect(byKey['aad-maya']).toMatchObject({ member_id: 'maya' });
    // Someone of the team who is not in the config is kept (for later) but linked to nobody.
    expect(byKey['aad-guest']).toMatchObject({ member_id: null });
    // ... with nothing personal: no name, email or UPN of someone who is not a member.
    expect(byKey['aad-guest']!.ref).not.toContain('"Guest"');
    expect(byKey['aad-guest']!.ref).not.toMatch(/fabrikam/i);
    expect(h.logs()).toMatch(/"seen":3,"mapped":2.*team roster read/);
  });

  it('finds the configured channel among the channels of the installed team', async () => {
    // The config names a non-general channel: the install lands in General, posts go to the configured one.
    const dir = mkdtempSync(join(tmpdir(), 'teams-ws-'));
    const path = join(dir, 'workspace.yaml');
    writeFileSync(
      path,
      readFileSync(TEAMS_WORKSPACE, 'utf8').replace('19:sales-general@thread.tacv2', '19:sales-pipeline@thread.tacv2'),
    );
    const h2 = await startTeamsHarness({ service: (store) => teamsStubService(store), workspacePath: path });
    try {
      h2.connector.channels.set('19:sales-general@thread.tacv2', [
        { id: '19:sales-general@thread.tacv2', name: 'General' },
        { id: '19:sales-pipeline@thread.tacv2', name: 'Pipeline' },
      ]);
      await h2.post(activity('team-install', { serviceUrl: h2.connector.url }));
      const stored = rawSqlite(h2.store)
        .prepare('select key, team_id, ref from conversation_refs where key like ?')
        .all('19:%') as { key: string; team_id: string | null; ref: string }[];
      expect(stored.map((r) => [r.key, r.team_id])).toEqual([
        ['19:sales-general@thread.tacv2', null],
        ['19:sales-pipeline@thread.tacv2', 'sales'],
      ]);
      expect(JSON.parse(stored[1]!.ref).ref.conversation.id).toBe('19:sales-pipeline@thread.tacv2');
    } finally {
      await h2.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks the reference dead on uninstall and revives it when the user talks to the bot again', async () => {
    await h.post(activity('personal-install', { serviceUrl: h.connector.url }));
    const res = await h.post(activity('personal-uninstall', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(JSON.parse(rows()[0]!.ref)).toMatchObject({ dead: true, deadReason: 'uninstalled' });
    expect(h.logs()).toContain('references marked dead');
    await h.post(activity('personal-message', { serviceUrl: h.connector.url }));
    const entry = JSON.parse(rows()[0]!.ref);
    expect(entry.dead).toBeUndefined();
    expect(entry.kind).toBe('personal');
  });

  it('marks every channel of a team dead when the app is removed from the team', async () => {
    await h.post(activity('team-install', { serviceUrl: h.connector.url }));
    await h.post(activity('team-uninstall', { serviceUrl: h.connector.url }));
    const channel = rows().find((r) => r.key === '19:sales-general@thread.tacv2')!;
    expect(JSON.parse(channel.ref)).toMatchObject({ dead: true });
  });

  it('answers someone who is not a member with who can add them, in their language', async () => {
    const res = await h.post(
      activity(
        'personal-message',
        { serviceUrl: h.connector.url },
        { from: { id: '29:stranger', aadObjectId: 'aad-stranger' }, locale: 'fr-FR' },
      ),
    );
    expect(res.status).toBe(200);
    const reply = h.connector.sent.at(-1)!;
    expect(JSON.stringify(reply.body)).toContain('demandez à votre manager');
    expect(svc.callsTo('command')).toHaveLength(0);
  });
});
