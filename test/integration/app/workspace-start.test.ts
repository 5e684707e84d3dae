// The workspace config at start-up: read in a thread of its own (the same result and the same problems
// as reading it in place), and, in the compiled build, kept parsed next to the SQLite database so that a
// restart with the same file skips the parser; a changed file is read again, a broken one still fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkspace, WorkspaceConfigError } from '../../../src/config/workspace-load.js';
import { loadWorkspaceInThread } from '../../../src/config/workspace-load-thread.js';
import { startAppExpectingFailure, startAppProcess } from '../../helpers/app-process.js';
import { repoRoot } from '../../helpers/cli.js';
import { waitFor } from '../../helpers/wait-for.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-ws-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MINIMAL = readFileSync(join(repoRoot, 'examples/minimal.yaml'), 'utf8');

describe('reading the workspace in a thread', () => {
  it('gives what reading it in place gives', async () => {
    const file = join(repoRoot, 'examples/sales-team.yaml');
    expect(await loadWorkspaceInThread(file)).toEqual(await loadWorkspace(file));
    expect(await loadWorkspaceInThread(undefined)).toEqual(await loadWorkspace(undefined));
  });

  it('reads the file in place when the thread itself fails, and still reports a broken file', async () => {
    const failing = { entry: new URL('../../fixtures/workers/crashing-reader.mjs', import.meta.url) };
    const file = join(repoRoot, 'examples/sales-team.yaml');
    expect(await loadWorkspaceInThread(file, undefined, failing)).toEqual(await loadWorkspace(file));
    const broken = join(dir, 'broken-too.yaml');
    writeFileSync(broken, MINIMAL.replace(/role: \w+/, 'role: astronaut'));
    await expect(loadWorkspaceInThread(broken, undefined, failing)).rejects.toBeInstanceOf(WorkspaceConfigError);
  });

  it('rejects a broken file with the same problems, and a missing one', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, MINIMAL.replace(/role: \w+/, 'role: astronaut'));
    const here = await loadWorkspace(broken).catch((e: unknown) => e);
    const there = await loadWorkspaceInThread(broken).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(WorkspaceConfigError);
    expect(there).toBeInstanceOf(WorkspaceConfigError);
    expect((there as WorkspaceConfigError).problems).toEqual((here as WorkspaceConfigError).problems);
    const missing = await loadWorkspaceInThread(join(dir, 'nope.yaml')).catch((e: unknown) => e);
    expect((missing as WorkspaceConfigError).problems[0]!.message).toMatch(/file not found/);
  });
});

describe('the compiled bot keeps the parsed workspace next to its database', () => {
  const data = join(dir, 'data');
  const config = join(dir, 'workspace.yaml');
  const env = {
    DATABASE_URL: `file:${join(data, 'bot.db')}`,
    RITUALS_CONFIG: config,
    SANDBOX: 'off',
    SLACK_BOT_TOKEN: '',
    MICROSOFT_APP_ID: '',
    TEAMS_ENABLED: '',
  };
  const kept = () => readdirSync(data).filter((f) => f.startsWith('.workspace-config-'));
  const startedWith = async () => {
    const app = await startAppProcess(env, 30_000, { compiled: true });
    const summary = /"summary":"([^"]+)","msg":"workspace loaded"/.exec(app.logs())?.[1];
    expect(await app.stop()).toBe(0);
    return summary;
  };

  it('reuses it for the same file, reads a changed file again, and still refuses a broken one', async () => {
    writeFileSync(config, MINIMAL);
    const first = await startedWith();
    expect(first).toMatch(/^1 team, 2 members/);
    const [cache] = kept();
    expect(cache).toBeDefined();
    expect(await startedWith()).toBe(first);
    expect(kept()).toEqual([cache]);

    // A third member: read again, and only the new parse is kept.
    writeFileSync(
      config,
      MINIMAL.replace(
        /(\n(\s+)- \{ id: [^\n]+)/,
        '$1\n$2- { id: nora, name: Nora Quinn, role: sdr, start: 2026-01-05, slack: U0NORA }',
      ),
    );
    expect(await startedWith()).toMatch(/^1 team, 3 members/);
    expect(kept()).toHaveLength(1);
    expect(kept()).not.toEqual([cache]);

    // A change read while running (the config watcher) replaces the kept parse too: a member removed from
    // the file for an erasure does not stay in a copy of it.
    const running = await startAppProcess(env, 30_000, { compiled: true });
    try {
      const before = kept();
      writeFileSync(config, MINIMAL);
      await waitFor(
        () => running.logs().includes('workspace reloaded') && kept().join() !== before.join(),
        (changed) => changed,
      );
      expect(kept()).toHaveLength(1);
      expect(readFileSync(join(data, kept()[0]!), 'utf8')).not.toContain('nora');
    } finally {
      expect(await running.stop()).toBe(0);
    }

    writeFileSync(config, MINIMAL.replace(/role: \w+/, 'role: astronaut'));
    const failed = await startAppExpectingFailure(env, { compiled: true });
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/Invalid workspace config[\s\S]*astronaut/);
  });
});
