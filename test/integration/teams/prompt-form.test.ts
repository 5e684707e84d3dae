// The check-in prompt carries its form: the core builds it with the prompt, the Teams gateway puts it on
// the card without asking the service anything while sending, and a prompt stored in the outbox before
// prompts carried their form still goes out, with its button.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RitualsService } from '../../../src/core/service.js';
import type { CheckInPromptView } from '../../../src/core/view-models.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
import { activity } from '../../helpers/teams-activities.js';
import { startTeamsFlow, type TeamsFlowHarness } from './flow-harness.js';

// Friday 20 November 2026, 15:55 in Paris: the weekly check-in fires at 16:00 local time.
const BEFORE_PROMPT = '2026-11-20T14:55:00Z';
const AT_PROMPT = '2026-11-20T15:00:30Z';

let h: TeamsFlowHarness;
let formCalls: string[];

/** The real service, counting who asks it for a check-in form. */
function counting(s: RitualsService): RitualsService {
  return new Proxy(s, {
    get(target, prop, receiver) {
      if (prop === 'checkInForm') {
        return (memberId: string, periodKey?: string) => {
          formCalls.push(memberId);
          return target.checkInForm(memberId, periodKey);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

beforeEach(async () => {
  formCalls = [];
  h = await startTeamsFlow(BEFORE_PROMPT, counting);
  await h.post(activity('personal-install', { serviceUrl: h.connector.url }));
  await h.drain();
  h.connector.reset();
});
afterEach(async () => h.stop());

const cardOf = (call: { body: any }) => call.body.attachments[0].content;
const toSam = () => h.connector.sent.filter((c) => c.conversationId === 'a:1personal-chat-sam');
const inputsOf = (card: any): string[] =>
  card.body.filter((e: { type: string }) => e.type.startsWith('Input.')).map((e: { id: string }) => e.id);

describe('the check-in prompt carries its form', () => {
  it('is sent with the form on the card, the service never asked while sending', async () => {
    await h.tick(BEFORE_PROMPT);
    await h.tick(AT_PROMPT);
    expect((await h.drain()).sent).toBeGreaterThan(0);
    const [prompt] = toSam();
    expect(inputsOf(cardOf(prompt!))).toEqual(['calls', 'qualified_meetings', 'wins', 'blockers']);
    const submit = cardOf(prompt!).actions[0];
    expect(submit).toMatchObject({ type: 'Action.Execute', verb: 'checkin.submit' });
    expect(JSON.parse(submit.data.value)).toMatchObject({ member: 'sam' });
    expect(formCalls).toEqual([]);
  });

  it('sends a prompt stored before the upgrade (no form) with its button', async () => {
    const old: CheckInPromptView = {
      type: 'checkin_prompt',
      locale: 'en',
      text: 'Weekly check-in — Hi Sam',
      title: 'Weekly check-in',
      intro: 'Hi Sam',
      periodKey: '2026-W47',
      deadlineText: 'Answer by Monday 09:00',
      lastPeriod: [],
      actions: [
        {
          action: 'checkin.open',
          label: 'Fill in my check-in',
          value: JSON.stringify({ period: '2026-W47' }),
          style: 'primary',
        },
      ],
    };
    h.clock.set(AT_PROMPT);
    const outbox = createOutboxRepo(h.store);
    // As the row was stored: plain JSON, without the `form` field.
    await outbox.enqueue(
      [
        {
          dedupeKey: 'occ:before-upgrade',
          platform: 'teams',
          destination: { kind: 'dm', memberId: 'sam' },
          view: JSON.parse(JSON.stringify(old)),
        },
      ],
      { at: h.clock.now().toISOString() },
    );
    expect((await h.drain()).sent).toBe(1);
    const [prompt] = toSam();
    const card = cardOf(prompt!);
    expect(inputsOf(card)).toEqual([]);
    expect(card.actions[0]).toMatchObject({
      data: { action: 'checkin.open', value: JSON.stringify({ period: '2026-W47' }) },
    });
    expect(formCalls).toEqual([]);
  });
});
