// The welcome on installation, over real HTTP on the real core and outbox, with the activities Teams and
// the Agents Playground send for one install (installationUpdate, then conversationUpdate with the bot
// in membersAdded): a member is greeted once by name, in their language, with their next check-in in
// their zone and their team's next leaderboard; a team's channel is told once what it will see, even
// after a restart; someone the config does not know is told how to be added.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/index.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';
import { activity } from '../../helpers/teams-activities.js';
import { startTeamsHarness } from '../../helpers/teams-harness.js';
import { startTeamsFlow, type TeamsFlowHarness } from './flow-harness.js';

// Wednesday 18 November 2026, 11:00 in Paris.
const NOW = '2026-11-18T10:00:00Z';
const TEAM_CHANNEL = '19:sales-general@thread.tacv2';

let h: TeamsFlowHarness;

beforeEach(async () => {
  h = await startTeamsFlow(NOW);
});
afterEach(async () => h.stop());

const cardOf = (call: { body: any }) => call.body.attachments[0].content;
const textOf = (call: { body: any }) => JSON.stringify(cardOf(call));
const sentTo = (conversationId: string) => h.connector.sent.filter((c) => c.conversationId === conversationId);

/** Both activities of one personal install, as Teams sends them. */
async function personalInstall(user: { id: string; aadObjectId: string }, chat: string, locale = 'en-US') {
  const common = {
    from: user,
    conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: chat },
    locale,
  };
  expect(
    (
      await h.post(
        activity('personal-install', { serviceUrl: h.connector.url }, { ...common, id: `f:install-${chat}` }),
      )
    ).status,
  ).toBe(200);
  const added = {
    ...common,
    id: `f:added-${chat}`,
    type: 'conversationUpdate',
    action: undefined,
    membersAdded: [{ id: '28:00000000-0000-0000-0000-000000000000' }],
  };
  expect((await h.post(activity('personal-install', { serviceUrl: h.connector.url }, added))).status).toBe(200);
}

describe('the welcome in a 1:1 chat', () => {
  it('greets a member once, by name, with their next check-in in their zone and the next leaderboard', async () => {
    await personalInstall({ id: '29:1sam-teams-user-id', aadObjectId: 'aad-sam' }, 'a:1personal-chat-sam', 'fr-FR');
    expect(await h.drain()).toMatchObject({ sent: 1 });
    const [welcome] = sentTo('a:1personal-chat-sam');
    const card = cardOf(welcome!);
    expect(checkCard(card).events).toEqual([]);
    // Sam's config says English, whatever his client reports.
    expect(card.body[0].text).toBe('Welcome, Sam Patel!');
    const body = textOf(welcome!);
    expect(body).toContain('Calls, Qualified meetings');
    expect(body).toContain('Your next check-in: Friday 20 November at 16:00 (Europe/Paris)');
    expect(body).toContain(
      'The leaderboard of Sales France is posted in the team’s channel: next on Monday 23 November at 09:00 (Europe/Paris)',
    );
    expect(body).not.toContain('As a manager');
    // A second install event, or the same one again, queues nothing more.
    await personalInstall({ id: '29:1sam-teams-user-id', aadObjectId: 'aad-sam' }, 'a:1personal-chat-sam');
    expect(await h.drain()).toMatchObject({ sent: 0 });
  });

  it('greets a French member known only by email in French', async () => {
    const lea = { id: '29:1lea-teams-user-id', aadObjectId: 'aad-lea' };
    h.connector.rosters.set('a:1personal-chat-lea', [
      { ...lea, name: 'Léa Martin', userPrincipalName: 'lea.martin@contoso.com' },
    ]);
    await personalInstall(lea, 'a:1personal-chat-lea', 'en-US');
    await h.drain();
    const [welcome] = sentTo('a:1personal-chat-lea');
    expect(cardOf(welcome!).body[0].text).toBe('Bienvenue, Léa Martin !');
    expect(textOf(welcome!)).toContain('Votre prochain point hebdo : vendredi 20 novembre à 16:00 (Europe/Paris)');
    expect(textOf(welcome!)).toContain('prochain le lundi 23 novembre à 09:00');
  });

  it('tells a manager what more they can do', async () => {
    await personalInstall({ id: '29:1maya-teams-user-id', aadObjectId: 'aad-maya' }, 'a:1personal-chat-maya');
    await h.drain();
    const body = textOf(sentTo('a:1personal-chat-maya')[0]!);
    expect(body).toContain('As a manager of Sales France');
    // Maya has no check-in KPIs (no role): no check-in is promised.
    expect(body).not.toContain('next check-in');
  });

  it('tells someone the config does not know how to be added, in the language of their client, once', async () => {
    await personalInstall({ id: '29:stranger', aadObjectId: 'aad-stranger' }, 'a:stranger', 'fr-FR');
    const replies = sentTo('a:stranger');
    expect(replies).toHaveLength(1);
    const body = textOf(replies[0]!);
    expect(body).toContain(t('fr', 'error.notAMember'));
    expect(body).toContain('aad-stranger');
    expect(checkCard(cardOf(replies[0]!)).events).toEqual([]);
    expect(await h.drain()).toMatchObject({ sent: 0 });
  });
});

describe('the welcome in a team channel', () => {
  const teamInstall = (connectorUrl: string, id: string) =>
    activity('team-install', { serviceUrl: connectorUrl }, { id });
  const teamInstallationUpdate = (connectorUrl: string) =>
    activity(
      'team-install',
      { serviceUrl: connectorUrl },
      { id: 'f:team-installation', type: 'installationUpdate', action: 'add', membersAdded: undefined },
    );

  it('posts once, in the team’s language, what the channel will see, and not again after a restart', async () => {
    h.connector.channels.set(TEAM_CHANNEL, [{ id: TEAM_CHANNEL, name: 'General' }]);
    await h.post(teamInstallationUpdate(h.connector.url));
    await h.post(teamInstall(h.connector.url, 'f:team-install-1'));
    expect(await h.drain()).toMatchObject({ sent: 1 });
    const [post] = sentTo(TEAM_CHANNEL);
    const card = cardOf(post!);
    expect(checkCard(card).events).toEqual([]);
    // Sales France speaks French.
    expect(card.body[0].text).toBe('Goal Rituals est configuré pour Sales France');
    const body = textOf(post!);
    expect(body).toContain('Voici ce que ce canal verra');
    expect(body).toContain('le classement');
    expect(body).toContain('prochain le lundi 23 novembre à 09:00');
    expect(body).toContain('Demandez à Maya Brooks');

    // A restart: a new adapter on the same database sees the install again.
    const again = await startTeamsHarness({ service: h.core.service, store: h.store });
    try {
      again.connector.channels.set(TEAM_CHANNEL, [{ id: TEAM_CHANNEL, name: 'General' }]);
      expect((await again.post(teamInstall(again.connector.url, 'f:team-install-2'))).status).toBe(200);
      expect(again.logs()).toContain('teams: channel welcome already posted');
    } finally {
      await again.adapter.stop();
      await again.http.close();
      await again.connector.stop();
    }
    expect(await h.drain()).toMatchObject({ sent: 0 });
    expect(sentTo(TEAM_CHANNEL)).toHaveLength(1);
  });

  it('posts nothing in a team whose channels the config does not name', async () => {
    const other = {
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: 'tenant-contoso',
        id: '19:other@thread.tacv2',
      },
      channelData: {
        team: { id: '19:other@thread.tacv2' },
        eventType: 'teamMemberAdded',
        tenant: { id: 'tenant-contoso' },
      },
    };
    await h.post(activity('team-install', { serviceUrl: h.connector.url }, other));
    expect(await h.drain()).toMatchObject({ sent: 0 });
    expect(h.logs()).toContain('no welcome posted');
  });
});
