// Minimal collection over real HTTP against the fake Slack Web API: a Slack user the config maps by id
// is served without any users.info call (the config already says who they are and in which language);
// only a user known by email alone, or a stranger, costs one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slashCommand } from '../../helpers/slack-payloads.js';
import { type FlowHarness, startFlowHarness } from './core-harness.js';

describe('Slack profile look-ups', () => {
  let h: FlowHarness;

  beforeEach(async () => {
    h = await startFlowHarness('2026-11-18T10:00:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  it('never calls users.info for a user the config maps by Slack id', async () => {
    await h.post(slashCommand('U0SAM', 'me', h.fake.responseUrl('sam-me')));
    await h.post(slashCommand('U0MAYA', 'standup', h.fake.responseUrl('maya-standup')));
    const sam = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'sam-me'));
    const maya = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'maya-standup'));
    expect(JSON.stringify(sam.body.blocks)).toContain('Qualified meetings');
    expect(JSON.stringify(maya.body.blocks)).toContain('Sam Patel');
    expect(h.fake.callsTo('users.info')).toEqual([]);
  });

  it('asks users.info only for a user the config knows by email alone, and for strangers', async () => {
    await h.post(slashCommand('U0LEA', 'me', h.fake.responseUrl('lea-me')));
    await h.post(slashCommand('U0STRANGER', 'me', h.fake.responseUrl('stranger')));
    const lea = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'lea-me'));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'stranger'));
    // Léa is matched by the email of her Slack profile and answered in her configured French.
    expect(JSON.stringify(lea.body.blocks)).toContain('Rendez-vous qualifiés');
    expect(
      h.fake
        .callsTo('users.info')
        .map((c) => c.args.user)
        .sort(),
    ).toEqual(['U0LEA', 'U0STRANGER']);
  });
});
