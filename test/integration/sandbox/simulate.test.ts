// `rituals simulate`: the bundled workspace run headless for weeks with simulated reps. The 8-week,
// seed-1 transcript is a committed golden file (the same seed always prints the same text); another
// seed prints another story; bad arguments fail with a one-line message.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { simulate } from '../../../src/sandbox/simulate.js';
import { repoRoot, runCli } from '../../helpers/cli.js';

const clean = { RITUALS_CONFIG: '', DATABASE_URL: '', LOG_LEVEL: 'silent' };

async function transcript(weeks: number, seed: number): Promise<string> {
  const lines: string[] = [];
  await simulate({ workspace: (await loadWorkspace(undefined)).workspace, weeks, seed, write: (l) => lines.push(l) });
  return lines.join('\n');
}

describe('rituals simulate', () => {
  it('prints the same 8 weeks for seed 1 (golden file)', async () => {
    // The real command line, as a user runs it; slower than the other CLI calls, hence its own timeout.
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin/rituals.js'), 'simulate', '--weeks', '8', '--seed', '1'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, ...clean },
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../../fixtures/simulate-8w-seed1.txt');
    // What a month of rituals holds: prompts, reminders, answers, leaderboards with reactions,
    // collective progress, nudges pressed, stand-ups, the monthly reviews and the nightly imports.
    for (const expected of [
      '[2026-01-09 16:00 Europe/Paris] DM hugo: Point hebdo',
      '[2026-01-09 16:00 America/Los_Angeles] DM david: Weekly check-in',
      '#sales-fr: Classement Ventes France',
      '#sales-us: Collective objectives — Sales US',
      'DM marcus: Stand-up — Sales US',
      '#sales-fr: Bilan mensuel Ventes France — janvier 2026',
      '#sales-us: Monthly review Sales US — January 2026',
      ' > check-in 2026-W02: ',
      // A breach on data (not on an empty period: the US breaches at 0 on the first days of the quarter
      // are gone), its nudge to the owner, and the escalation when it is left unacknowledged.
      '[2026-01-12 08:00 Europe/Paris] DM julien: Seuil d’alerte franchi : 30 nouvelles opportunités ICP',
      'ne l’a pas pris en compte.',
      // The nightly CRM export fills the imported results (revenue, MRR, CSAT, pipeline...).
      '[2026-01-06 01:00 Europe/Paris] admin: CRM import — Ventes France, 2026-01-05: ',
    ]) {
      expect(r.stdout).toContain(expected);
    }
    expect(r.stdout).toMatch(/ > :[a-z+0-9]+: on #sales-fr m\d+/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^-- 8 weeks simulated \(seed 1\) until 2026-03-0\dT.*: \d+ messages, \d+ check-ins$/,
    );
  }, 300_000);

  it('is reproducible per seed and differs between seeds', async () => {
    const a = await transcript(1, 7);
    expect(await transcript(1, 7)).toBe(a);
    expect(await transcript(1, 8)).not.toBe(a);
  }, 120_000);

  it('refuses bad arguments with one line', () => {
    const r = runCli(['simulate', '--weeks', 'many'], clean);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('rituals: --weeks must be a whole number from 1 to 104');
    const from = runCli(['simulate', '--from', 'yesterday'], clean);
    expect(from.status).toBe(1);
    expect(from.stderr).toContain('--from "yesterday" is not an ISO date-time');
  });
});
