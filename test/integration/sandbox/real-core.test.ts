// The sandbox over the real core, store and outbox (the composition app.ts uses), through its HTTP
// API: seeded history on first start only, a breach nudge's Acknowledge / Snooze / Record decision
// buttons, "my goals", a manager's stand-up, out-of-office, conversations surviving a restart, and
// the reset button starting afresh.
import { afterAll, describe, expect, it } from 'vitest';
import { chartId } from '../../../src/charts/chart-request.js';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { importMetricsCsv } from '../../../src/store/import-csv.js';
import { type RunningSandbox, startSandboxApp } from '../../helpers/sandbox-app.js';
import { tempDir } from '../../helpers/store.js';

const dir = tempDir('rituals-sandbox-core-');
afterAll(() => dir.remove());
const databaseUrl = `file:${dir.file('sandbox.db')}`;
// Thursday 26 November 2026, 11:00 in Paris.
const realNow = () => new Date('2026-11-26T10:00:00Z');

const api = (s: RunningSandbox) => ({
  post: async (path: string, body: unknown) => {
    const res = await fetch(`${s.base}/sandbox/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, any>;
  },
  thread: async (member: string, thread = `dm:${member}`) =>
    (
      (await (await fetch(`${s.base}/sandbox/api/state?member=${member}&thread=${thread}`)).json()) as {
        thread: { html: string };
      }
    ).thread.html,
});

const buttonValue = (html: string, messageId: string | undefined, action: string): string => {
  const block = html.slice(html.indexOf(`data-message="${messageId}"`));
  const m = new RegExp(`data-action="${action.replace('.', '\\.')}" data-value="([^"]*)"`).exec(block);
  expect(m).not.toBeNull();
  return m![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
};

describe('sandbox over the real core', () => {
  let michaelBefore = '';
  let seededCount = 0;
  it('seeds once, handles nudges, goals, stand-up and OOO, and keeps the conversation across a restart', async () => {
    let s = await startSandboxApp({ databaseUrl, realNow });
    try {
      const seeded = await s.store.checkIns.list({});
      expect(seeded.length).toBeGreaterThan(30);
      seededCount = seeded.length;
      expect(new Set(seeded.map((c) => c.periodKey)).size).toBeGreaterThanOrEqual(3);
      const { post, thread } = api(s);

      // Seeded history and the CRM's figures leave nothing in breach; a CRM export with a bad week of
      // lost customers puts one collective objective beyond its alert, and its owner is nudged.
      expect(await s.store.breaches.listOpen()).toEqual([]);
      const workspace = (await loadWorkspace(undefined)).workspace;
      const at = s.app.clock.now().toISOString();
      await importMetricsCsv(s.store, workspace, {
        text: 'date,team,kpi,value\n2026-11-25,sales-us,logo_churn,5',
        file: 'churn.csv',
        at,
        actor: 'test',
      });
      await s.app.core.engine.scanBreaches('sales-us', s.app.clock.now());
      await s.app.sender.drainOnce();
      let dm = await thread('michael');
      const open = (await s.store.breaches.listOpen('team:sales-us:logo-churn')).map((b) => b.id);
      const nudge = [...dm.matchAll(/data-message="(m\d+)" data-view="breach_nudge"/g)]
        .map((m) => m[1]!)
        .find((id) => open.includes(JSON.parse(buttonValue(dm, id, 'breach.acknowledge')).breach as number));
      expect(nudge).toBeDefined();
      const [ackValue, snoozeValue] = [
        buttonValue(dm, nudge, 'breach.acknowledge'),
        buttonValue(dm, nudge, 'breach.snooze'),
      ];
      const ack = await post('action', {
        member: 'michael',
        action: 'breach.acknowledge',
        value: ackValue,
        message: nudge,
      });
      expect(ack).toEqual({ ok: true });
      dm = await thread('michael');
      expect(dm).toContain('(edited)');
      expect(
        (await s.store.breaches.listOpen()).some((b) => b.state === 'acknowledged' && b.acknowledgedBy === 'michael'),
      ).toBe(true);
      // Someone who is neither the owner nor a manager may not act on it: the answer says so.
      expect(await post('action', { member: 'nathan', action: 'breach.acknowledge', value: ackValue })).toEqual({
        ok: true,
      });
      expect(await thread('nathan')).toContain('tone-bad');

      const snoozed = await post('action', {
        member: 'michael',
        action: 'breach.snooze',
        value: snoozeValue,
        message: nudge,
      });
      expect(snoozed).toEqual({ ok: true });
      expect((await s.store.breaches.listOpen()).find((b) => b.id === open[0])!.snoozedUntil).toBe(
        '2026-11-27T10:00:00.000Z',
      );

      dm = await thread('michael');
      const opened = await post('action', {
        member: 'michael',
        action: 'breach.decision',
        value: buttonValue(dm, nudge, 'breach.decision'),
        message: nudge,
      });
      expect(opened.dialog.html).toContain('data-form="decision"');
      const formId = /data-form-id="([^"]+)"/.exec(opened.dialog.html)![1]!;
      const metadata = /name="metadata" value="([^"]*)"/
        .exec(opened.dialog.html)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      const empty = await post('decision', { member: 'michael', formId, metadata, kind: 'decision', text: '' });
      expect(empty.ok).toBe(false);
      expect(empty.dialog.html).toContain('field-error');
      const recorded = await post('decision', {
        member: 'michael',
        formId,
        metadata,
        kind: 'decision',
        text: 'Double the ABM outreach in December',
      });
      expect(recorded).toEqual({ ok: true });
      expect((await s.store.decisions.list({})).map((d) => d.text)).toContain('Double the ABM outreach in December');

      expect(await post('command', { member: 'hugo', text: 'moi' })).toEqual({ ok: true });
      expect(await thread('hugo')).toContain('data-view="my_goals"');
      expect(await post('command', { member: 'carla', text: 'standup' })).toEqual({ ok: true });
      expect(await thread('carla')).toContain('data-view="standup_summary"');
      expect(await post('command', { member: 'emily', text: 'ooo 2026-12-01 2026-12-04' })).toEqual({ ok: true });
      expect((await s.store.ooo.listOverlapping(['emily'], '2026-12-01', '2026-12-04')).length).toBe(1);
      michaelBefore = await thread('michael');
    } finally {
      await s.stop();
    }

    // A restart: same database, chat file and clock; nothing seeded twice.
    s = await startSandboxApp({ databaseUrl, realNow });
    try {
      expect((await s.store.checkIns.list({})).length).toBe(seededCount);
      const { thread, post } = api(s);
      expect(await thread('michael')).toBe(michaelBefore);
      expect(await thread('emily')).toContain('ooo 2026-12-01 2026-12-04');

      const moved = await post('clock', { member: 'hugo', advance: 'day' });
      expect(moved.now).toBe('2026-11-27T10:00:00.000Z');
    } finally {
      await s.stop();
    }
    s = await startSandboxApp({ databaseUrl, realNow });
    try {
      const { thread, post } = api(s);
      // The clock kept its jump across the restart.
      expect(s.app.clock.now().toISOString()).toBe('2026-11-27T10:00:00.000Z');
      const seededBefore = (await s.store.checkIns.list({})).length;

      const reset = await post('reset', { member: 'hugo' });
      expect(reset.ok).toBe(true);
      expect(s.app.clock.now().toISOString()).toBe('2026-11-26T10:00:00.000Z');
      expect(await thread('emily')).not.toContain('ooo 2026-12-01');
      expect(await s.store.decisions.list({})).toEqual([]);
      // History is seeded again, identically (same seed, same clock).
      expect((await s.store.checkIns.list({})).length).toBe(seededBefore);
    } finally {
      await s.stop();
    }
  }, 120_000);

  it('seeds the same plausible history for the same seed', async () => {
    const history = async () => {
      const s = await startSandboxApp({ realNow, seed: { weeks: 3, seed: 5 } });
      try {
        return (await s.store.checkIns.list({})).map((c) => [
          c.memberId,
          c.periodKey,
          c.submittedAt,
          c.values,
          c.wins,
          c.blockers,
        ]);
      } finally {
        await s.stop();
      }
    };
    const first = await history();
    expect(await history()).toEqual(first);
    // Three weekly prompts, most reps answering, Friday afternoon at their own time.
    expect(new Set(first.map((c) => c[1]))).toEqual(new Set(['2026-W45', '2026-W46', '2026-W47']));
    expect(first.length).toBeGreaterThan(30);
    const hugo = first.find((c) => c[0] === 'hugo')!;
    expect(Object.keys(hugo[3] as object)).toEqual([
      'calls',
      'meetings_booked',
      'qualified_meetings',
      'no_shows',
      'sql_accepted',
      'icp_opportunities',
    ]);
  }, 60_000);

  it('posts the monthly review, and draws review charts as PNG images', async () => {
    const s = await startSandboxApp({ realNow });
    try {
      const { post, thread } = api(s);
      const moved = await post('clock', { member: 'carla', advance: 'next', ritual: 'monthly_review' });
      // The first weekday of December 2026 is Tuesday the 1st; 09:00 in Paris.
      expect(moved.now).toBe('2026-12-01T08:00:00.000Z');
      const channel = await thread('carla', 'channel:sales-fr');
      expect(channel).toContain('data-view="monthly_review"');
      // The review lists its charts (a burn-up per collective objective, then attainment): each shows as
      // an image the page loads from the sandbox, in French, with its alt text.
      const review = channel.slice(channel.lastIndexOf('data-view="monthly_review"'));
      const images = [...review.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map((m) => ({
        src: m[1]!.replace(/&amp;/g, '&'),
        alt: m[2]!,
      }));
      expect(images.length).toBeGreaterThanOrEqual(2);
      for (const img of images) {
        const src = new URL(img.src, s.base);
        expect(src.pathname).toBe('/sandbox/charts/png');
        expect(src.searchParams.get('locale')).toBe('fr');
        expect(src.searchParams.get('id')).toMatch(/^kind=(burnup|attainment)&team=sales-fr&period=2026-11/);
        expect(img.alt.length).toBeGreaterThan(10);
        const png = await fetch(src);
        expect(png.status).toBe(200);
        expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      }

      // A review's ChartRef id becomes an image the page loads from the sandbox itself.
      const id = chartId({
        kind: 'burnup',
        teamId: 'sales-fr',
        periodKey: '2026-Q4',
        objectiveId: 'abm-icp-opportunities',
      });
      const res = await fetch(`${s.base}/sandbox/charts/png?${new URLSearchParams({ id, locale: 'fr' })}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect((await fetch(`${s.base}/sandbox/charts/png?id=kind%3Dnope`)).status).toBe(404);
      expect(
        (
          await fetch(
            `${s.base}/sandbox/charts/png?${new URLSearchParams({ id: chartId({ kind: 'burnup', teamId: 'ghost', periodKey: '2026-Q4' }) })}`,
          )
        ).status,
      ).toBe(404);
    } finally {
      await s.stop();
    }
  }, 60_000);
});
