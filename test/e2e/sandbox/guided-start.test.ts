// A newcomer's first minutes in the sandbox, in a real headless Chromium (Debian's, driven by
// playwright-core), from a fresh database, as a French and as an English browser: the page opens in
// the browser's language as a rep of that language's team, with the "Start here" steps; each step does
// its thing (check-in form with an error tied to its field, Monday's leaderboard, the monthly review)
// and is remembered; notices never cover the clock controls; the help is a list and the quick buttons
// speak the member's language. At desktop and phone width, an accessibility engine (axe-core, run in
// the page) finds no serious or critical violation, the phone opens on the newest message with the
// composer in view, a skip link reaches the check-in button, and screenshots are kept.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const outDir = join(repoRoot, 'test-output');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** axe-core's browser build (a devDependency); the test fails with this message when it is missing. */
function axeSource(): string {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('axe-core');
  } catch {
    throw new Error('axe-core is not installed: run `npm ci` (it is a devDependency of the browser tests)');
  }
  return readFileSync(path, 'utf8');
}

let browser: Browser;
let axe: string;

beforeAll(async () => {
  axe = axeSource();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  mkdirSync(outDir, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly targets: string[];
}

/** Runs axe-core in the page (evaluated through the debugging protocol, so the page's CSP stays on). */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe);
  // A string: the test is type-checked without the DOM library.
  const found = (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as Violation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const overlaps = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function offline(page: Page, sandbox: RunningSandbox, external: string[]): Promise<void> {
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(sandbox.base)) return route.continue();
    external.push(url);
    return route.abort();
  });
}

const CASES = [
  {
    lang: 'fr',
    locale: 'fr-FR',
    rep: 'hugo',
    channel: 'channel:sales-fr',
    boardCaption: 'Classement — en vrai : chaque lundi à 09:00',
    help: 'aide',
    forYou: 'Pour vous :',
    bad: 'beaucoup',
  },
  {
    lang: 'en',
    locale: 'en-US',
    rep: 'emily',
    channel: 'channel:sales-us',
    boardCaption: 'Leaderboard — for real: every Monday at 09:00',
    help: 'help',
    forYou: 'For you:',
    bad: 'lots',
  },
] as const;

describe.each(CASES)('guided start as a $lang rep', (c) => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    // Thursday 3 December 2026, 11:00 in Paris; a fresh in-memory database, seeded on start.
    sandbox = await startSandboxApp({ realNow: () => new Date('2026-12-03T10:00:00Z') });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('opens in the browser language as a rep, and the three steps each do their thing', async () => {
    const context = await browser.newContext({ locale: c.locale, viewport: DESKTOP });
    const page = await context.newPage();
    const external: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await offline(page, sandbox, external);
    try {
      await page.goto(`${sandbox.base}/`);
      expect(await page.getAttribute('html', 'lang')).toBe(c.lang);
      expect(await page.inputValue('#member-picker')).toBe(c.rep);
      await page.locator('#start-panel').waitFor();
      expect(await page.locator('#start-panel [data-step]').count()).toBe(3);
      expect(await page.locator(`.lang a[aria-current][lang="${c.lang}"]`).count()).toBe(1);
      await page.locator('#messages .empty, #messages .msg').first().waitFor();
      await page.screenshot({ path: join(outDir, `sandbox-${c.lang}-desktop.png`) });
      expect(await seriousViolations(page)).toEqual([]);

      // Keyboard: the skip link is the first stop and lands on the check-in button.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement && document.activeElement.className')).toBe('skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('quick-checkin');

      // Step 1: the check-in form; a bad value is shown next to its field and tied to it.
      await page.click('[data-step="checkin"]');
      const form = page.locator('#dialog form[data-form="checkin"]');
      await form.waitFor();
      const first = form.locator('input[name^="number:"]').first();
      await first.fill(c.bad);
      await form.locator('button[type="submit"]').click();
      await form.locator('.field-error').first().waitFor();
      const describedBy = await first.getAttribute('aria-describedby');
      expect(describedBy).toMatch(/^err-/);
      expect(await page.locator(`#${describedBy}`).textContent()).toContain(c.bad);
      expect(await seriousViolations(page)).toEqual([]);
      const inputs = form.locator('input[name^="number:"]');
      // A plausible week for an SDR (no more no-shows than meetings, nothing far above their history, which
      // would be asked again for confirmation); any other KPI gets 1.
      const typical: Record<string, string> = {
        calls: '40',
        meetings_booked: '9',
        qualified_meetings: '7',
        no_shows: '1',
        sql_accepted: '3',
        icp_opportunities: '2',
      };
      for (let i = 0; i < (await inputs.count()); i++) {
        const kpi = ((await inputs.nth(i).getAttribute('name')) ?? '').replace(/^number:/, '');
        await inputs.nth(i).fill(typical[kpi] ?? '1');
      }
      await form.locator('button[type="submit"]').click();
      await expect.poll(() => page.locator('#dialog[open]').count()).toBe(0);
      await page.locator('.msg[data-view="checkin_confirmation"]').last().waitFor();
      await expect.poll(() => page.locator('[data-done-for="checkin"]').isVisible()).toBe(true);

      // Step 2: Monday's leaderboard in the team channel; the notice says what happened, under the clock.
      const clockBefore = await page.textContent('#clock-now');
      await page.click('[data-step="leaderboard"]');
      await expect
        .poll(() => page.locator('[data-done-for="leaderboard"]').isVisible(), { timeout: 60_000 })
        .toBe(true);
      expect(await page.textContent('#clock-now')).not.toBe(clockBefore);
      expect(await page.getAttribute(`[data-thread="${c.channel}"]`, 'aria-current')).toBe('page');
      await page.locator('.msg[data-view="leaderboard"]').last().waitFor();
      // Each bot message carries its caption: which ritual, and when it runs for real.
      expect(await page.locator('.msg[data-view="leaderboard"] .caption').last().textContent()).toBe(c.boardCaption);
      const notice = page.locator('#notice');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toContain(c.forYou);
      const noticeBox = (await notice.boundingBox())!;
      for (const button of await page.locator('.clock-controls button, .clock-controls select').all()) {
        expect(overlaps(noticeBox, (await button.boundingBox())!)).toBe(false);
      }

      // Step 3: the monthly review, posted now in the channel.
      await page.click('[data-step="review"]');
      await page.locator('.msg[data-view="monthly_review"]').last().waitFor();
      await expect.poll(() => page.locator('[data-done-for="review"]').isVisible()).toBe(true);

      // Every word in the member's language: the help button "types" the command in that language,
      // and the help is a list.
      await page.click('[data-thread^="dm:"]');
      await page.click('[data-command="help"]');
      const typed = page.locator('.msg-user .typed').last();
      await expect.poll(() => typed.textContent()).toBe(c.help);
      await expect.poll(() => page.locator('.msg .notice-list').last().locator('li').count()).toBeGreaterThan(4);
      // The quick buttons stay clickable with a notice shown: nothing covers them.
      const quick = (await page.locator('#quick-checkin').boundingBox())!;
      expect(overlaps((await notice.boundingBox()) ?? { x: 0, y: -100, width: 0, height: 0 }, quick)).toBe(false);

      // Remembered: the steps stay done after a reload; hidden, the panel stays hidden.
      await page.reload();
      await page.locator('#start-panel').waitFor();
      expect(await page.locator('[data-done-for]:visible').count()).toBe(3);
      await page.click('[data-start-hide]');
      await page.reload();
      await page.locator('[data-start-show]').waitFor();
      expect(await page.locator('#start-panel').isHidden()).toBe(true);

      expect(external).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  // After the steps above, the member's DMs hold a conversation: the phone must open on its end.
  it('opens on the newest message at phone width, with the composer in view', async () => {
    const context = await browser.newContext({ locale: c.locale, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const external: string[] = [];
    await offline(page, sandbox, external);
    try {
      await page.goto(`${sandbox.base}/`);
      await page.locator('.msg').last().waitFor();
      await expect
        .poll(() => page.locator('#messages').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
        .toBeLessThan(2);
      const last = (await page.locator('#messages .msg').last().boundingBox())!;
      expect(last.y).toBeLessThan(PHONE.height);
      const composer = (await page.locator('#command-input').boundingBox())!;
      expect(composer.y).toBeGreaterThanOrEqual(0);
      expect(composer.y + composer.height).toBeLessThanOrEqual(PHONE.height);
      // The page itself does not scroll: only the messages do.
      expect(await page.evaluate('document.documentElement.scrollHeight - window.innerHeight')).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(outDir, `sandbox-${c.lang}-phone.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('quick-checkin');
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
