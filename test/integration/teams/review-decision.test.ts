// Recording a decision from a monthly review, over real HTTP on the real core: the review is one post
// whose "Record a decision" opens the form below it (Action.ShowCard); the submit (an adaptiveCard/action
// invoke, as Teams and the Agents Playground send it) records the decision and answers with a message,
// so the review card and its charts stay as they were. A form with errors comes back as a reply too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/index.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';
import { activity, cardInvoke } from '../../helpers/teams-activities.js';
import { startTeamsFlow, type TeamsFlowHarness } from './flow-harness.js';

const NOW = '2026-11-20T10:00:00Z';
const CHANNEL = '19:sales-general@thread.tacv2';

let h: TeamsFlowHarness;

beforeEach(async () => {
  h = await startTeamsFlow(NOW);
  h.connector.channels.set(CHANNEL, [{ id: CHANNEL, name: 'General' }]);
  await h.post(activity('team-install', { serviceUrl: h.connector.url }));
  const maya = {
    from: { id: '29:1maya-teams-user-id', aadObjectId: 'aad-maya' },
    conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: 'a:1personal-chat-maya' },
  };
  await h.post(activity('personal-install', { serviceUrl: h.connector.url }, { ...maya, id: 'f:install-maya' }));
  await h.drain();
  h.connector.reset();
  // Maya, manager of Sales France, posts last month's review to the channel.
  await h.post(
    activity('personal-message', { serviceUrl: h.connector.url }, { ...maya, id: 'm-review', text: 'run review' }),
  );
  await h.drain();
});
afterEach(async () => h.stop());

/** Maya clicking in the channel, on the review post. */
const inChannel = (postId: string) => ({
  from: { id: '29:1maya-teams-user-id', name: 'Maya Brooks', aadObjectId: 'aad-maya' },
  conversation: {
    isGroup: true,
    conversationType: 'channel',
    tenantId: 'tenant-contoso',
    id: `${CHANNEL};messageid=${postId}`,
  },
  channelData: { channel: { id: CHANNEL }, team: { id: CHANNEL }, tenant: { id: 'tenant-contoso' } },
});

function reviewPost() {
  const posts = h.connector.sent.filter((c) => c.conversationId === CHANNEL);
  expect(posts).toHaveLength(1);
  const card = posts[0]!.body.attachments[0].content;
  expect(checkCard(card)).toEqual({ events: [], dropped: [] });
  const record = card.actions.find((a: any) => a.type === 'Action.ShowCard');
  return { id: posts[0]!.response.id as string, submit: record.card.actions[0].data as Record<string, string> };
}

describe('a decision recorded from a review', () => {
  it('is logged, answered by a reply, and leaves the review card in place', async () => {
    const post = reviewPost();
    h.connector.reset();
    const res = await h.post(
      cardInvoke(
        h.connector.url,
        post.id,
        { ...post.submit, kind: 'hypothesis', text: 'ABM sequences double the meeting rate' },
        { id: 'f:invoke-review-decision', ...inChannel(post.id) },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(rawSqlite(h.store).prepare('select team_id, author, kind, text from decisions').all()).toEqual([
      { team_id: 'sales', author: 'maya', kind: 'hypothesis', text: 'ABM sequences double the meeting rate' },
    ]);
    // No update of the review: its card and charts stay.
    expect(h.connector.updates).toEqual([]);
    expect(JSON.stringify(h.connector.sent.at(-1)!.body)).toContain(t('en', 'decision.recorded'));
  });

  it('answers an empty text with the form and its error, below, without replacing the review', async () => {
    const post = reviewPost();
    h.connector.reset();
    await h.post(
      cardInvoke(
        h.connector.url,
        post.id,
        { ...post.submit, kind: 'decision', text: '  ' },
        { id: 'f:invoke-review-empty', ...inChannel(post.id) },
      ),
    );
    expect(rawSqlite(h.store).prepare('select count(*) as n from decisions').get()).toEqual({ n: 0 });
    expect(h.connector.updates).toEqual([]);
    const form = h.connector.sent.at(-1)!.body.attachments[0].content;
    expect(JSON.stringify(form)).toContain(t('en', 'checkin.error.required'));
    expect(form.body.map((e: any) => e.id).filter(Boolean)).toEqual(['kind', 'text']);
  });
});
