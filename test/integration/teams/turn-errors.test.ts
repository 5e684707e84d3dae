// When a turn goes wrong, over real HTTP on the real core and outbox: the apology speaks the member's
// configured language (not the locale Teams reports), and a reply the Bot Connector refuses for now (a
// dropped connection, 503, 429) is queued in the outbox and delivered by the sender, without an apology.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/index.js';
import type { RitualsService } from '../../../src/core/service.js';
import type { NoticeView } from '../../../src/core/view-models.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { activity, cardInvoke } from '../../helpers/teams-activities.js';
import { startTeamsFlow, type TeamsFlowHarness } from './flow-harness.js';

const NOW = '2026-11-18T10:00:00Z';
const SAM_CHAT = 'a:1personal-chat-sam';

/** The real service, whose `boom` command throws like a bug would. */
function failingOnBoom(s: RitualsService): RitualsService {
  return Object.assign(Object.create(s) as RitualsService, {
    command: async (memberId: string, text: string) => {
      if (text === 'boom') throw new Error('unexpected');
      return s.command(memberId, text);
    },
  });
}

let h: TeamsFlowHarness;

beforeEach(async () => {
  h = await startTeamsFlow(NOW, failingOnBoom);
});
afterEach(async () => h.stop());

// Sam's config says English; his Teams client reports French.
const samSays = (text: string, id = 'msg-1') =>
  activity('personal-message', { serviceUrl: h.connector.url }, { id, text, locale: 'fr-FR' });
const toSam = () => h.connector.sent.filter((c) => c.conversationId === SAM_CHAT);
const sentText = () => JSON.stringify(h.connector.sent.map((c) => c.body));
const outboxRows = () =>
  rawSqlite(h.store).prepare('select dedupe_key, target, status from outbox').all() as {
    dedupe_key: string;
    target: string;
    status: string;
  }[];
const isReply = (c: { method: string; path: string }) =>
  c.method === 'POST' && c.path.startsWith(`/v3/conversations/${encodeURIComponent(SAM_CHAT)}/activities`);

describe('the apology', () => {
  it("is in the member's configured language, not the activity's locale", async () => {
    expect((await h.post(samSays('boom'))).status).toBe(200);
    expect(toSam().at(-1)!.body.text).toBe(t('en', 'error.internal'));
    expect(sentText()).not.toContain(t('fr', 'error.internal'));
  });

  it("answers a card button that fails in the member's language too (the invoke's error response)", async () => {
    const failing = await startTeamsFlow(NOW, (s) =>
      Object.assign(Object.create(s) as RitualsService, { action: () => Promise.reject(new Error('unexpected')) }),
    );
    try {
      const res = await failing.post(
        cardInvoke(
          failing.connector.url,
          'act-1',
          { action: 'goals.show', value: '' },
          { locale: 'fr-FR', id: 'f:invoke-boom' },
        ),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        statusCode: 500,
        value: { code: 'InternalError', message: t('en', 'error.internal') },
      });
    } finally {
      await failing.stop();
    }
  });

  it('answers someone the config does not know in the locale Teams reports', async () => {
    await h.post(
      activity(
        'personal-message',
        { serviceUrl: h.connector.url },
        {
          text: 'boom',
          locale: 'fr-FR',
          from: { id: '29:stranger', aadObjectId: 'aad-stranger' },
          conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: 'a:stranger' },
        },
      ),
    );
    expect(sentText()).toContain('aucune équipe');
  });
});

describe('a reply the Bot Connector refuses for now', () => {
  it.each([
    ['a dropped connection (socket hang up)', { status: 0, hangUp: true }],
    ['503', { status: 503 }],
    ['502', { status: 502 }],
    ['412', { status: 412 }],
  ])('is queued and delivered by the outbox after %s, with no apology', async (_label, failure) => {
    h.connector.failNext(failure, 1, isReply);
    expect((await h.post(samSays('me'))).status).toBe(200);
    expect(toSam()).toHaveLength(0);
    expect(outboxRows()).toEqual([
      { dedupe_key: `teams:reply:${SAM_CHAT}:msg-1`, target: expect.stringContaining('sam'), status: 'pending' },
    ]);
    expect(h.logs()).toContain('queued in the outbox');
    expect(h.logs()).not.toContain('teams: turn failed');

    expect((await h.drain()).sent).toBe(1);
    const [delivered] = toSam();
    expect(delivered!.path).toBe(`/v3/conversations/${encodeURIComponent(SAM_CHAT)}/activities`);
    expect(delivered!.body.attachments[0].content.body[0].text).toContain('Sam Patel');
    expect(sentText()).not.toContain(t('en', 'error.internal'));
  });

  it('waits for the Retry-After of a 429 before sending again', async () => {
    h.connector.failNext({ status: 429, headers: { 'retry-after': '30' } }, 1, isReply);
    await h.post(samSays('me'));
    expect((await h.drain()).sent).toBe(0);
    h.clock.set('2026-11-18T10:00:31Z');
    expect((await h.drain()).sent).toBe(1);
    expect(toSam()).toHaveLength(1);
  });

  it('is queued once when Teams redelivers the same activity', async () => {
    h.connector.failNext({ status: 503 }, 2, isReply);
    await h.post(samSays('me'));
    await h.post(samSays('me'));
    expect(outboxRows()).toHaveLength(1);
  });

  it('is queued as an update of the card when updating it in place (Action.Submit) is refused', async () => {
    await h.stop();
    // A button whose answer replaces its card.
    const done: NoticeView = { type: 'notice', locale: 'en', tone: 'success', text: 'Snoozed', body: 'Snoozed' };
    h = await startTeamsFlow(NOW, (s) =>
      Object.assign(Object.create(s) as RitualsService, { action: async () => ({ kind: 'replace', view: done }) }),
    );
    h.connector.failNext({ status: 503 }, 1, (c) => c.method === 'PUT');
    await h.post(activity('card-submit-message', { serviceUrl: h.connector.url, replyToId: 'act-42' }));
    expect(outboxRows()).toEqual([
      {
        dedupe_key: `teams:reply:${SAM_CHAT}:1732000000099:update`,
        target: expect.stringContaining('sam'),
        status: 'pending',
      },
    ]);
    expect((await h.drain()).sent).toBe(1);
    expect(h.connector.updates.map((c) => c.path)).toEqual([
      `/v3/conversations/${encodeURIComponent(SAM_CHAT)}/activities/act-42`,
    ]);
    expect(JSON.stringify(h.connector.updates[0]!.body)).toContain('Snoozed');
    expect(sentText()).not.toContain(t('en', 'error.internal'));
  });

  it('still apologises for a refusal that will not pass (400), and does not queue it', async () => {
    h.connector.failNext({ status: 400, body: { error: { code: 'BadSyntax' } } }, 1, isReply);
    await h.post(samSays('me'));
    expect(outboxRows()).toHaveLength(0);
    expect(h.logs()).toContain('teams: turn failed');
    expect(toSam().at(-1)!.body.text).toBe(t('en', 'error.internal'));
  });
});
