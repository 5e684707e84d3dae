// Text that cannot ping or spoof: a member named `<!channel> & <@U123>` shows up in the leaderboard
// post, their rank DM, a manager's stand-up and App Home; every text Slack reads as mrkdwn — blocks and
// the top-level `text` fallback of chat.postMessage / chat.update, response URLs and views — arrives
// with `&`, `<` and `>` escaped, so nothing pings the channel or renders a fake mention.
import { afterEach, describe, expect, it } from 'vitest';
import { eventCallback, slashCommand } from '../../helpers/slack-payloads.js';
import { type FlowHarness, seedCheckIns, startFlowHarness, WEEK_46_CHECK_INS } from './core-harness.js';

const HOSTILE = '<!channel> & <@U123>';
const ESCAPED = '&lt;!channel&gt; &amp; &lt;@U123&gt;';

/** Every mrkdwn string of a message or view: the `text` fallback and each `{ type: 'mrkdwn', text }`. */
function mrkdwnStrings(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const v of x) mrkdwnStrings(v, out);
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') mrkdwnStrings(v, out);
  }
  return out;
}

/** Every string anywhere in `x`. */
function allStrings(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const v of x) allStrings(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) allStrings(v, out);
  return out;
}

/** `&` only as the start of one of the three entities, and no raw angle brackets. */
const isEscaped = (s: string) => !/[<>]/.test(s) && !/&(?!amp;|lt;|gt;)/.test(s);

describe('mrkdwn escaping of names and user input', () => {
  let h: FlowHarness;
  afterEach(async () => {
    await h.close();
  });

  it('a member named <!channel> & <@U123> pings nobody: leaderboard, rank DM, stand-up, App Home', async () => {
    // Monday 16 Nov 2026 09:05 in London: the scheduled leaderboard is due.
    h = await startFlowHarness('2026-11-16T09:05:00Z', {
      editWorkspace: (y) => y.replace('name: Sam Patel', `name: "${HOSTILE}"`),
    });
    // Both reps checked in last week (week 46): the leaderboard is posted, the hostile name ranked in it.
    await seedCheckIns(h, WEEK_46_CHECK_INS);
    await h.core.engine.tick(h.clock.now());
    await h.drain();
    await h.post(slashCommand('U0MAYA', 'standup', h.fake.responseUrl('standup')));
    await h.post(
      eventCallback({ type: 'app_home_opened', user: 'U0MAYA', channel: 'DU0MAYA', tab: 'home', event_ts: '1.1' }),
    );
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'standup'));
    await h.fake.waitFor(() => h.fake.homes.get('U0MAYA'));

    const leaderboard = h.fake.messagesIn('C0SALES').find((m) => m.blocks[0]?.text?.text.startsWith('Leaderboard'));
    expect(leaderboard).toBeDefined();
    expect(JSON.stringify(leaderboard!.blocks)).toContain(ESCAPED);

    const sent = [
      ...h.fake.calls.filter((c) => /^(chat\.|views\.)/.test(c.method)).map((c) => ({ what: c.method, args: c.args })),
      ...h.fake.responses.map((r) => ({ what: `response ${r.id}`, args: r.body })),
    ];
    expect(sent.filter((s) => s.what === 'chat.postMessage').length).toBeGreaterThan(1);
    // The name reached Slack several times, always escaped.
    expect(
      sent.filter(
        (s) =>
          JSON.stringify(s.args).includes(ESCAPED.replace(/&/g, '\\u0026')) || JSON.stringify(s.args).includes(ESCAPED),
      ).length,
    ).toBeGreaterThan(2);
    for (const s of sent) {
      // Every top-level text fallback and every mrkdwn text: escaped.
      const texts = [
        ...(typeof s.args.text === 'string' ? [s.args.text] : []),
        ...mrkdwnStrings(s.args.blocks),
        ...mrkdwnStrings(s.args.view),
      ];
      for (const text of texts) expect(isEscaped(text), `${s.what}: ${text}`).toBe(true);
      // And nowhere, plain_text included, does the raw mention reach Slack.
      for (const text of allStrings(s.args)) {
        expect(text, s.what).not.toContain('<!channel>');
        expect(text, s.what).not.toContain('<@U123>');
      }
    }
  });

  it('escapes what a rep typed (wins, blockers) in the stand-up text and blocks', async () => {
    h = await startFlowHarness('2026-11-20T16:05:00Z');
    await h.core.service.submitCheckIn({
      memberId: 'sam',
      metadata: (await h.core.service.checkInForm('sam')).metadata,
      numbers: { calls: '1', qualified_meetings: '1', prospecting_hours: '1' },
      wins: 'closed <https://evil.example|your bank> & more',
      blockers: '<!here> help',
      platform: 'slack',
      idempotencyKey: 'k1',
    });
    await h.post(slashCommand('U0MAYA', 'standup', h.fake.responseUrl('standup')));
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'standup'));
    const texts = [answer.body.text, ...mrkdwnStrings(answer.body.blocks)];
    expect(JSON.stringify(answer.body.blocks)).toContain('&lt;!here&gt; help');
    for (const text of texts) expect(isEscaped(text), text).toBe(true);
  });
});
