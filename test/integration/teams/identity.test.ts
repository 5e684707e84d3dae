// Members known to the config only by email, over real HTTP: the `teamMemberAdded` update Teams (and the
// Agents Playground) sends carries no email or UPN, so the bot asks the Bot Connector for the profile
// (GET /v3/conversations/{id}/members/{userId}) and never keeps an empty one; matches log at debug.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSqlite } from '../../../src/store/raw-access.js';
import type { RosterMember } from '../../helpers/fake-bot-connector.js';
import { type FakeRitualsService, teamsStubService } from '../../helpers/fake-rituals-service.js';
import { activity, cardInvoke } from '../../helpers/teams-activities.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.js';

let h: TeamsHarness;
let svc: FakeRitualsService;

beforeEach(async () => {
  h = await startTeamsHarness({ service: (store) => (svc = teamsStubService(store)) });
});
afterEach(async () => h.stop());

const TEAM = '19:sales-general@thread.tacv2';
const LEA_CHAT = 'a:1personal-chat-lea';
const lea: RosterMember = {
  id: '29:1lea-teams-user-id',
  name: 'Léa Martin',
  aadObjectId: 'aad-lea',
  userPrincipalName: 'Lea.Martin@contoso.com',
  email: 'lea.martin@contoso.com',
};

/** Léa writing to the bot in her 1:1 chat: Teams sends her AAD id, never her email. */
const leaSays = (text: string, id: string) =>
  activity(
    'personal-message',
    { serviceUrl: h.connector.url },
    {
      id,
      text,
      from: { id: lea.id, name: lea.name, aadObjectId: lea.aadObjectId },
      conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: LEA_CHAT },
    },
  );

const memberLookups = () => h.connector.calls.filter((c) => c.method === 'GET' && /\/members\/[^/]+$/.test(c.path));
const lines = () =>
  h
    .logs()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { level: number; msg: string });

describe('members matched by email', () => {
  it('looks up a member added to the team (no email in the update) and recognises their first message', async () => {
    h.connector.rosters.set(TEAM, [lea]);
    const res = await h.post(activity('team-member-added', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(memberLookups().map((c) => c.path)).toEqual([
      `/v3/conversations/${encodeURIComponent(TEAM)}/members/${encodeURIComponent(lea.id)}`,
    ]);
    const row = rawSqlite(h.store)
      .prepare('select member_id, ref from conversation_refs where key = ?')
      .get('aad-lea') as { member_id: string; ref: string };
    expect(row.member_id).toBe('lea');
    expect(JSON.parse(row.ref)).toMatchObject({ kind: 'roster', upn: lea.userPrincipalName, email: lea.email });

    await h.post(leaSays('me', 'msg-lea-1'));
    expect(svc.callsTo('command')).toEqual([['lea', 'me']]);
    expect(JSON.stringify(h.connector.sent.at(-1)!.body)).not.toContain('not in any team');
  });

  it('keeps no empty profile when the look-up fails: the next message asks again and is recognised', async () => {
    // The team roster does not answer for Léa (404); her own chat does.
    const res = await h.post(activity('team-member-added', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(memberLookups().map((c) => c.status)).toEqual([404]);
    h.connector.rosters.set(LEA_CHAT, [lea]);
    await h.post(leaSays('me', 'msg-lea-1'));
    expect(svc.callsTo('command')).toEqual([['lea', 'me']]);
    expect(memberLookups().at(-1)!.path).toBe(
      `/v3/conversations/${encodeURIComponent(LEA_CHAT)}/members/${encodeURIComponent(lea.id)}`,
    );
  });

  it('does not cache a profile without email or UPN (a guest answered by the connector with neither)', async () => {
    h.connector.rosters.set(LEA_CHAT, [{ id: lea.id, name: lea.name, aadObjectId: lea.aadObjectId }]);
    await h.post(leaSays('me', 'msg-lea-1'));
    expect(svc.callsTo('command')).toHaveLength(0);
    expect(JSON.stringify(h.connector.sent.at(-1)!.body)).toContain('not in any team');
    // The directory now knows her: no restart needed.
    h.connector.rosters.set(LEA_CHAT, [lea]);
    await h.post(leaSays('me', 'msg-lea-2'));
    expect(svc.callsTo('command')).toEqual([['lea', 'me']]);
  });

  it('logs the match at debug on every turn, and at info only the first time the UPN is learnt', async () => {
    h.connector.rosters.set(LEA_CHAT, [lea]);
    for (const id of ['msg-lea-1', 'msg-lea-2', 'msg-lea-3']) await h.post(leaSays('me', id));
    expect(svc.callsTo('command')).toHaveLength(3);
    // A reaction in the channel and a card button: turns of the same member, as quiet.
    const asLea = { from: { id: lea.id, name: lea.name, aadObjectId: lea.aadObjectId } };
    expect(
      (
        await h.post(
          activity(
            'channel-reaction',
            { serviceUrl: h.connector.url, replyToId: 'act-7' },
            { ...asLea, id: 'f:reaction-lea' },
          ),
        )
      ).status,
    ).toBe(200);
    const invoke = cardInvoke(
      h.connector.url,
      'act-8',
      { action: 'goals.show', value: '' },
      {
        ...asLea,
        id: 'f:invoke-lea',
        conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: LEA_CHAT },
      },
    );
    expect((await h.post(invoke)).body).toMatchObject({ statusCode: 200 });
    expect(svc.callsTo('action')).toEqual([['lea', 'goals.show', '']]);
    const mapped = lines().filter((l) => l.msg === 'teams: user mapped to a member by UPN / email');
    expect(mapped.map((l) => l.level)).toEqual([20, 20, 20, 20, 20]);
    expect(lines().filter((l) => l.level >= 30 && l.msg.includes('UPN'))).toHaveLength(1);
    // The profile is asked once, then kept.
    expect(memberLookups()).toHaveLength(1);
  });
});
