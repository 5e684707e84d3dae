// The sandbox page in a real headless Chromium (Debian's, driven by playwright-core) over the real
// core, store and outbox: a member answers the weekly check-in with a bad value (inline error), then a
// good one (confirmation with attainment), moves the clock to the leaderboard, reacts to it with an
// emoji and sees the tally on the post — and the core has tallied the reaction too.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRefKey } from '../../../src/core/ports.js';
import { messageRef } from '../../../src/sandbox/gateway.js';
import { repoRoot } from '../../helpers/cli.js';
import { startSandboxApp, type RunningSandbox } from '../../helpers/sandbox-app.js';

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

    const inputs = form.locator('input[name^="number:"]');
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill(String(8 + i));
    await form.locator('textarea[name="text:wins"]').fill('Démo avec <b>Acme</b>');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#dialog[open]').count()).toBe(0);
    const confirmation = page.locator('.msg[data-view="checkin_confirmation"]').last();
    await confirmation.waitFor();
    await expect.poll(async () => (await confirmation.locator('.kpi-att').allTextContents()).join(' ')).toMatch(/\d\s?%/);
    expect(await confirmation.locator('.bar-fill').count()).toBeGreaterThan(0);
    const stored = await sandbox.store.checkIns.list({ memberIds: ['alice'], latestOnly: true });
    expect(stored.at(-1)).toMatchObject({ memberId: 'alice', wins: 'Démo avec <b>Acme</b>', platform: 'sandbox' });

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
    expect(await sandbox.store.reactions.tally('sandbox', postRefKey(messageRef(message)))).toEqual([{ emoji: 'tada', count: 1 }]);

    // The picture a newcomer would see: the leaderboard at the top (the notice line stays in place).
    await board.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'sandbox.png'), fullPage: false });
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
