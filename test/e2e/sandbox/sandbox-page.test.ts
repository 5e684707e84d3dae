// The sandbox page in a real headless Chromium (Debian's, driven by playwright-core) over the real
// core, store and outbox: a member answers the weekly check-in with a bad value (inline error), more
// no-shows than meetings (inline error), a value far above their history (asked to confirm, then
// stored), moves the clock to the leaderboard, reacts to it with an emoji and sees the tally on the post
// — and the core has tallied the reaction too. Then the clock runs through a whole month: no leaderboard
// puts someone first at 0 %, no breach is raised without data, and no list of KPI lines shows the same
// label twice.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRefKey } from '../../../src/core/ports/index.js';
import type { KpiLine, View } from '../../../src/core/view-models.js';
import { messageRef } from '../../../src/sandbox/gateway.js';
import { repoRoot } from '../../helpers/cli.js';
import { type RunningSandbox, startSandboxApp } from '../../helpers/sandbox-app.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let sandbox: RunningSandbox;
let context: BrowserContext;
let page: Page;
let profile: string;
const outDir = join(repoRoot, 'test-output');
const external: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  // Thursday 26 November 2026, 11:00 in Paris: four weeks of history are seeded behind it.
  sandbox = await startSandboxApp({ realNow: () => new Date('2026-11-26T10:00:00Z') });
  profile = mkdtempSync(join(tmpdir(), 'rituals-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // The page must work offline: anything but our own server is refused and remembered.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(sandbox.base)) return route.continue();
    external.push(url);
    return route.abort();
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await sandbox?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function advanceTo(ritual: string): Promise<void> {
  await page.selectOption('#next-ritual', ritual);
  const done = page.waitForResponse((r) => r.url().endsWith('/sandbox/api/clock'));
  await page.click('[data-advance="next"]');
  expect((await done).status()).toBe(200);
}

describe('sandbox page in Chromium', () => {
  it('runs a check-in, the leaderboard and a reaction end to end', async () => {
    await page.goto(`${sandbox.base}/?member=alice`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.textContent('#thread-title')).toContain('Goal Rituals');

    // "Next" follows the member at the page: Alice's own check-in, Friday 16:00 in Paris (Camille's,
    // at 16:00 in La Réunion, goes out on the way).
    await advanceTo('checkin');
    await expect.poll(() => page.textContent('#clock-now')).toContain('16:00');
    const prompt = page.locator('.msg[data-view="checkin_prompt"]').last();
    await prompt.waitFor();
    await prompt.locator('[data-action="checkin.open"]').click();

    const form = page.locator('#dialog form[data-form="checkin"]');
    await form.waitFor();
    const first = form.locator('input[name^="number:"]').first();
    await first.fill('beaucoup');
    await form.locator('button[type="submit"]').click();
    const error = form.locator('.field-error').first();
    await error.waitFor();
    expect((await error.textContent())!.length).toBeGreaterThan(5);
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await first.inputValue()).toBe('beaucoup');

    // More no-shows than meetings booked: the example's `at_most` rule, inline.
    const typed = {
      calls: '40',
      meetings_booked: '9',
      qualified_meetings: '7',
      no_shows: '12',
      sql_accepted: '3',
      icp_opportunities: '2',
    };
    for (const [kpi, value] of Object.entries(typed)) await form.locator(`input[name="number:${kpi}"]`).fill(value);
    await form.locator('textarea[name="text:wins"]').fill('Démo avec <b>Acme</b>');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => form.locator('.field-error').allTextContents())
      .toEqual(['Ne peut pas dépasser Rendez-vous pris (9).']);

    // 60 ICP opportunities in a week, against 2 to 3 in each of her last four weeks (the seeded three,
    // and week 47's answer recorded here): asked to confirm, not stored yet.
    await sandbox.store.checkIns.submit({
      memberId: 'alice',
      teamId: 'sales-fr',
      periodKey: '2026-W47',
      values: {
        calls: 14,
        meetings_booked: 12,
        qualified_meetings: 5,
        no_shows: 1,
        sql_accepted: 2,
        icp_opportunities: 2,
      },
      idempotencyKey: 'e2e:alice:2026-W47',
      submittedAt: '2026-11-20T16:30:00Z',
    });
    await form.locator('input[name="number:no_shows"]').fill('1');
    await form.locator('input[name="number:icp_opportunities"]').fill('60');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(async () => (await form.locator('.field-error').allTextContents()).join(' '))
      .toMatch(/^60 fait plus de 5 fois votre habitude/);
    expect(await form.locator('input[name="number:icp_opportunities"]').inputValue()).toBe('60');
    expect(await sandbox.store.checkIns.latestFor('alice', '2026-W48')).toBeUndefined();
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#dialog[open]').count()).toBe(0);
    const confirmation = page.locator('.msg[data-view="checkin_confirmation"]').last();
    await confirmation.waitFor();
    await expect
      .poll(async () => (await confirmation.locator('.kpi-att').allTextContents()).join(' '))
      .toMatch(/\d\s?%/);
    expect(await confirmation.locator('.bar-fill').count()).toBeGreaterThan(0);
    const stored = await sandbox.store.checkIns.list({ memberIds: ['alice'], latestOnly: true });
    expect(stored.at(-1)).toMatchObject({
      memberId: 'alice',
      wins: 'Démo avec <b>Acme</b>',
      platform: 'sandbox',
      values: { no_shows: 1, icp_opportunities: 60 },
    });

    // Monday 09:00 in Paris: the leaderboard, in the team channel.
    await advanceTo('leaderboard');
    await expect.poll(() => page.textContent('#clock-now')).toContain('09:00');
    await page.click('[data-thread="channel:sales-fr"]');
    const board = page.locator('.msg[data-view="leaderboard"]').last();
    await board.waitFor();
    expect(await board.locator('table.board tr').count()).toBeGreaterThan(1);
    expect(await board.textContent()).toContain('Alice Martin');

    await board.locator('.add-reaction summary').click();
    await board.locator('.pick[data-react="tada"]').click();
    const chip = page.locator('.msg[data-view="leaderboard"]').last().locator('.reaction.mine[data-react="tada"]');
    await chip.waitFor();
    expect((await chip.locator('.count').textContent())!.trim()).toBe('1');

    // Tallied like a platform reaction, by the core.
    const id = (await board.getAttribute('data-message'))!;
    const message = sandbox.app.sandbox.threads.get(id)!;
    expect(await sandbox.store.reactions.tally('sandbox', postRefKey(messageRef(message)))).toEqual([
      { emoji: 'tada', count: 1 },
    ]);

    // The picture a newcomer would see: the leaderboard at the top (the notice line stays in place).
    await board.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'sandbox.png'), fullPage: false });
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('runs a whole month: no 0 % leader, no breach without data, no KPI label twice in a list', async () => {
    // From Monday 30 November 09:00 to the first days of January: every ritual of December, the
    // colleagues answering their check-ins, the monthly review on 1 December.
    for (let week = 0; week < 5; week++) {
      const done = page.waitForResponse((r) => r.url().endsWith('/sandbox/api/clock'));
      await page.click('[data-advance="week"]');
      expect((await done).status()).toBe(200);
    }
    await expect.poll(() => page.textContent('#clock-now')).toMatch(/janv\. 2027/);

    const messages = sandbox.app.sandbox.threads.all().filter((m) => m.authorId === null && m.view);
    const views = messages.map((m) => ({ at: m.at, thread: m.thread, view: m.view as View }));
    // Leaderboards: whoever is first scored something.
    const boards = views.filter((v) => v.view.type === 'leaderboard');
    expect(boards.length).toBeGreaterThanOrEqual(4);
    for (const { view } of boards) {
      if (view.type !== 'leaderboard' || view.rows.length === 0) continue;
      expect(view.rows[0]!.score, `${view.title}`).toBeGreaterThan(0);
    }
    // Members without data are listed, not ranked: the board says why.
    expect(
      boards.some(
        ({ view }) => view.type === 'leaderboard' && /pas encore de données|no data yet/.test(view.unrankedText ?? ''),
      ),
    ).toBe(true);
    // No breach in the first days of December (a month barely started has no status), and none anywhere
    // without data or status.
    expect(views.filter((v) => v.view.type === 'breach_nudge' && v.at >= '2026-12-01' && v.at < '2026-12-03')).toEqual(
      [],
    );
    // Breach nudges: only on figures resting on data, with a status.
    for (const { view, at } of views) {
      if (view.type !== 'breach_nudge' || view.actions.length === 0) continue;
      expect([view.line.dataState ?? 'ok', view.line.status], `${view.title} at ${at}`).toEqual(['ok', 'breached']);
    }
    // Every list of KPI lines names each line once (two objectives on one KPI carry their period).
    const lists = (v: View): (readonly KpiLine[])[] => {
      switch (v.type) {
        case 'checkin_prompt':
          return [v.lastPeriod];
        case 'checkin_confirmation':
        case 'my_goals':
        case 'my_rank':
          return [v.lines];
        case 'monthly_review':
        case 'qbr':
          return v.sections.map((s) => s.lines);
        case 'collective_progress':
          return [v.rows.map((r) => ({ ...r.line, label: r.label }))];
        default:
          return [];
      }
    };
    for (const { view, thread } of views) {
      for (const lines of lists(view)) {
        const labels = lines.map((l) => l.label);
        expect(new Set(labels).size, `${thread} ${view.type}: ${labels.join(' | ')}`).toBe(labels.length);
      }
    }

    // What the page shows: the French channel's leaderboards never lead with 0 %, and Thomas (an AE
    // with a quarterly quota and a monthly guide on signed revenue) sees each line once.
    await page.goto(`${sandbox.base}/?member=thomas`);
    await page.click('[data-thread="channel:sales-fr"]');
    const leaders = page.locator('.msg[data-view="leaderboard"] table.board tr:first-child td.score');
    await leaders.first().waitFor();
    for (const text of await leaders.allTextContents()) expect(text.replace(/\s/g, ' ')).not.toMatch(/^0 %$/);
    await page.click('[data-thread="dm:thomas"]');
    // His prompts were answered (by the simulated colleague), so they read as confirmations now.
    await page.locator('.msg[data-view="checkin_confirmation"] .kpis').first().waitFor();
    const shown = await page.locator('.kpis').all();
    expect(shown.length).toBeGreaterThan(3);
    for (const list of shown) {
      const labels = await list.locator('.kpi-label').allTextContents();
      expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
    }
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
