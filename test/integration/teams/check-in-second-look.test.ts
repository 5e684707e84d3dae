// A check-in value far above the rep's own history, on Teams over real HTTP: the card comes back with
// the value kept and the question under it (nothing stored); the same value sent from that card is
// stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';
import { activity, cardInvoke } from '../../helpers/teams-activities.js';
import { startTeamsFlow, type TeamsFlowHarness } from './flow-harness.js';

// Friday 20 November 2026, 16:00:30 in Paris: the weekly check-in (week 47) has fired.
const BEFORE_PROMPT = '2026-11-20T14:55:00Z';
const AT_PROMPT = '2026-11-20T15:00:30Z';

let h: TeamsFlowHarness;
beforeEach(async () => {
  h = await startTeamsFlow(BEFORE_PROMPT);
});
afterEach(async () => h.stop());

function submit(card: any, inputs: Record<string, string>) {
  const button = card.actions.find((a: any) => a.type === 'Action.Execute' && a.verb === 'checkin.submit');
  return { ...button.data, ...inputs };
}
const checkIns = () =>
  rawSqlite(h.store).prepare('select "values" as v from check_ins where period_key = \'2026-W47\'').all() as {
    v: string;
  }[];

describe('Teams: a check-in value to confirm', () => {
  it('asks on the card, then stores the value sent again from it', async () => {
    for (const week of ['2026-W43', '2026-W44', '2026-W45', '2026-W46']) {
      await h.store.checkIns.submit({
        memberId: 'sam',
        teamId: 'sales',
        periodKey: week,
        values: { calls: 100, qualified_meetings: 2 },
        idempotencyKey: `past-${week}`,
        submittedAt: '2026-11-01T12:00:00Z',
      });
    }
    // The install queues a welcome in the same chat: delivered and set aside, the prompt is what follows.
    await h.post(activity('personal-install', { serviceUrl: h.connector.url }));
    await h.drain();
    h.connector.reset();
    await h.tick(BEFORE_PROMPT);
    await h.tick(AT_PROMPT);
    await h.drain();
    const prompt = h.connector.sent.find((c) => c.conversationId === 'a:1personal-chat-sam')!;
    const card = prompt.body.attachments[0].content;

    // Median 2: 11 qualified meetings is more than 5 times that.
    const asked = await h.post(
      cardInvoke(h.connector.url, prompt.response.id, submit(card, { calls: '100', qualified_meetings: '11' }), {
        id: 'f:invoke-11',
      }),
    );
    const askCard = asked.body.value;
    expect(checkCard(askCard).events).toEqual([]);
    const at = askCard.body.findIndex((e: any) => e.id === 'qualified_meetings');
    expect(askCard.body[at].value).toBe(11);
    expect(askCard.body[at + 1]).toMatchObject({
      type: 'TextBlock',
      color: 'Attention',
      text: '11 is more than 5 times your usual 2 (median of your last 4 weeks). Check it, then submit again to confirm.',
    });
    expect(checkIns()).toEqual([]);

    const confirmed = await h.post(
      cardInvoke(h.connector.url, prompt.response.id, submit(askCard, { calls: '100', qualified_meetings: '11' }), {
        id: 'f:invoke-11-again',
      }),
    );
    expect(JSON.stringify(confirmed.body.value)).toMatch(/Check-in received/);
    expect(checkIns().map((r) => JSON.parse(r.v))).toEqual([{ calls: 100, qualified_meetings: 11 }]);
  });
});
