// The chat platforms' own rows on both backends: Slack installations (per workspace or org-wide, replaced
// on reinstall, deleted on uninstall) and conversation references (JSON kept as given, found by member,
// team or conversation id, with links kept when a save leaves them out).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { createConversationRefsRepo } from '../../../src/store/conversation-refs.repo.js';
import { createSlackInstallationsRepo } from '../../../src/store/slack-installations.repo.js';
import { seedRitualRows } from '../../helpers/ritual-seed.js';
import { POSTGRES_TARGET, STORE_BACKENDS } from '../../helpers/store-backends.js';

const T1 = '2026-05-01T08:00:00.000Z';
const T2 = '2026-05-02T08:00:00.000Z';

process.stdout.write(`platform rows: PostgreSQL cases run on ${POSTGRES_TARGET}\n`);

describe.each(STORE_BACKENDS)('platform rows ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
    await seedRitualRows(store);
  });
  afterEach(() => store.close());

  it('keeps one Slack installation per workspace or organisation', async () => {
    const repo = createSlackInstallationsRepo(store);
    const workspace = {
      teamId: 'T1',
      enterpriseId: null,
      isEnterpriseInstall: false,
      installation: { team: { id: 'T1' }, bot: { token: 'xoxb-1', scopes: ['chat:write'] }, n: 1.5 },
      installedAt: T1,
    };
    const org = {
      teamId: null,
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
      installation: { enterprise: { id: 'E1' }, bot: { token: 'xoxb-org' }, flags: [true, null] },
      installedAt: T1,
    };
    await repo.save(workspace, { at: T1 });
    await repo.save(org, { at: T1 });
    expect(await repo.find({ teamId: 'T1', isEnterpriseInstall: false })).toEqual(workspace);
    expect(await repo.find({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true })).toEqual(org);
    expect(await repo.find({ teamId: 'T2', isEnterpriseInstall: false })).toBeUndefined();
    expect(await repo.find({ isEnterpriseInstall: false })).toBeUndefined();

    // A reinstall replaces the record.
    const again = { ...workspace, installation: { team: { id: 'T1' }, bot: { token: 'xoxb-2' } }, installedAt: T2 };
    await repo.save(again, { at: T2 });
    expect(await repo.list()).toEqual([org, again]);
    await expect(repo.save({ ...workspace, teamId: null }, { at: T2 })).rejects.toThrow(/needs a team id/);

    expect(await repo.delete({ teamId: 'T1', isEnterpriseInstall: false })).toBe(true);
    expect(await repo.delete({ teamId: 'T1', isEnterpriseInstall: false })).toBe(false);
    expect(await repo.delete({ isEnterpriseInstall: true })).toBe(false);
    expect(await repo.list()).toEqual([org]);
  });

  it('keeps conversation references as given and finds them by member, team or conversation', async () => {
    const repo = createConversationRefsRepo(store);
    const personal = { kind: 'personal', ref: { conversation: { id: 'a:1' }, user: { id: '29:alice' } } };
    const channel = { kind: 'channel', ref: { conversation: { id: '19:sales@thread' } }, dead: false };
    const roster = { kind: 'roster', ref: { user: { id: '29:alice' } } };
    await repo.save('teams', 'aad-alice', personal, { memberId: 'alice', at: T1 });
    await repo.save('teams', '19:sales@thread', channel, { teamId: 'sales', at: T1 });
    await repo.save('teams', 'Aad-roster', roster, { memberId: 'alice', at: T1 });
    await repo.save('slack', 'U_ALICE', { any: 'json' }, { memberId: 'alice', at: T1 });

    expect(await repo.get('teams', 'aad-alice')).toEqual({
      key: 'aad-alice',
      memberId: 'alice',
      teamId: null,
      ref: personal,
      updatedAt: T1,
    });
    expect(await repo.get('slack', 'aad-alice')).toBeUndefined();
    // Key order, byte-wise.
    expect((await repo.byMember('teams', 'alice')).map((r) => r.key)).toEqual(['Aad-roster', 'aad-alice']);
    expect((await repo.byTeam('teams', 'sales')).map((r) => r.ref)).toEqual([channel]);
    expect((await repo.byConversationId('teams', '19:sales@thread'))?.key).toBe('19:sales@thread');
    expect((await repo.byConversationId('teams', 'a:1'))?.key).toBe('aad-alice');
    expect(await repo.byConversationId('teams', 'a:2')).toBeUndefined();
    expect(await repo.byConversationId('slack', 'a:1')).toBeUndefined();
    expect((await repo.list('teams')).map((r) => r.key)).toEqual(['19:sales@thread', 'Aad-roster', 'aad-alice']);

    // A save that leaves the links out keeps them; one that gives null clears them.
    const dead = { ...personal, dead: true, deadReason: 'gone' };
    await repo.save('teams', 'aad-alice', dead, { at: T2 });
    expect(await repo.get('teams', 'aad-alice')).toEqual({
      key: 'aad-alice',
      memberId: 'alice',
      teamId: null,
      ref: dead,
      updatedAt: T2,
    });
    await repo.save('teams', 'aad-alice', dead, { memberId: null, teamId: 'sales', at: T2 });
    expect(await repo.get('teams', 'aad-alice')).toMatchObject({ memberId: null, teamId: 'sales' });
    expect((await repo.byMember('teams', 'alice')).map((r) => r.key)).toEqual(['Aad-roster']);
  });
});
