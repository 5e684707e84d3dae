// The Slack manifest matches the code: every slash command, bot event and OAuth scope the adapter uses
// (found by reading src/slack) is declared, the request URLs point at /slack/events, and the file
// type-checks against @slack/web-api's Manifest type (a real tsc run, with a broken copy as control).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLASH_COMMAND } from '../../../src/slack/listeners/commands.js';
import { CHECKIN_SHORTCUT } from '../../../src/slack/listeners/shortcuts.js';
import { BOT_SCOPES } from '../../../src/slack/scopes.js';

const root = join(import.meta.dirname, '../../..');
const manifestText = readFileSync(join(root, 'manifests/slack/manifest.yml'), 'utf8');
const manifest = parse(manifestText) as any;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const source = filesUnder(join(root, 'src/slack'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** Bot scopes each Web API method needs; a method the code calls that is missing here fails the test. */
const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'conversations.open': ['im:write'],
  // client.filesUploadV2: files.getUploadURLExternal, then files.completeUploadExternal.
  'files.uploadV2': ['files:write'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
};

/** Bot event subscriptions and scopes each listener needs. */
const EVENT_NEEDS: Readonly<Record<string, { event: string; scopes: readonly string[] }>> = {
  app_home_opened: { event: 'app_home_opened', scopes: [] },
  app_mention: { event: 'app_mention', scopes: ['app_mentions:read'] },
  app_uninstalled: { event: 'app_uninstalled', scopes: [] },
  tokens_revoked: { event: 'tokens_revoked', scopes: [] },
  reaction_added: { event: 'reaction_added', scopes: ['reactions:read'] },
  reaction_removed: { event: 'reaction_removed', scopes: ['reactions:read'] },
  // app.message(...) handles messages typed in the bot's DM only.
  message: { event: 'message.im', scopes: ['im:history'] },
};

const methodsUsed = [
  ...new Set([
    ...[...source.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`),
    // The client's own wrappers, named after the method family they call.
    ...(/\bclient\.filesUploadV2\s*\(/.test(source) ? ['files.uploadV2'] : []),
  ]),
].sort();
// Shortcuts are registered by constant: `app.shortcut<...>({ callback_id: NAME, ...` with NAME exported.
const SHORTCUT_IDS: Readonly<Record<string, string>> = { CHECKIN_SHORTCUT };
const shortcutsUsed = [...source.matchAll(/\bapp\.shortcut(?:<[^>]*>)?\(\s*\{\s*callback_id:\s*([A-Z_]+)/g)]
  .map((m) => SHORTCUT_IDS[m[1]!] ?? `unknown constant ${m[1]}`)
  .sort();
const eventsUsed = [
  ...new Set([
    ...[...source.matchAll(/\.event\(\s*['"]([a-z_]+)['"]/g)].map((m) => m[1]!),
    ...(/\bapp\.message\(/.test(source) ? ['message'] : []),
  ]),
].sort();

describe('Slack manifest', () => {
  const scopes: string[] = manifest.oauth_config.scopes.bot;
  const events: string[] = manifest.settings.event_subscriptions.bot_events;

  it('finds what the code uses (the scan itself works)', () => {
    expect(methodsUsed).toEqual(
      expect.arrayContaining([
        'chat.postMessage',
        'chat.update',
        'conversations.open',
        'files.uploadV2',
        'users.info',
        'users.lookupByEmail',
        'views.open',
        'views.publish',
      ]),
    );
    expect(eventsUsed).toEqual([
      'app_home_opened',
      'app_mention',
      'app_uninstalled',
      'message',
      'reaction_added',
      'reaction_removed',
      'tokens_revoked',
    ]);
    expect(shortcutsUsed).toEqual([CHECKIN_SHORTCUT]);
  });

  it.each(methodsUsed.map((m) => [m]))('declares the scopes of %s', (method) => {
    const needed = METHOD_SCOPES[method];
    expect(needed, `${method} is called in src/slack: add its scopes to METHOD_SCOPES and the manifest`).toBeDefined();
    for (const s of needed ?? []) expect(scopes).toContain(s);
  });

  it.each(eventsUsed.map((e) => [e]))('subscribes to the %s event with its scopes', (name) => {
    const needs = EVENT_NEEDS[name];
    expect(needs, `app.event('${name}') is used: add it to EVENT_NEEDS and the manifest`).toBeDefined();
    expect(events).toContain(needs!.event);
    for (const s of needs!.scopes) expect(scopes).toContain(s);
  });

  it('declares every global shortcut the code registers, and no other', () => {
    const declared = (manifest.features.shortcuts ?? []).map(
      (s: { callback_id: string; type: string; name: string; description: string }) => {
        expect(s.type).toBe('global');
        expect(s.name.length).toBeLessThanOrEqual(24);
        expect(s.description.length).toBeLessThanOrEqual(150);
        return s.callback_id;
      },
    );
    expect(declared.sort()).toEqual(shortcutsUsed);
  });

  it('declares the slash command the code registers, with the commands scope', () => {
    expect(source).toMatch(/app\.command\(SLASH_COMMAND/);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toContain(SLASH_COMMAND);
    expect(scopes).toContain('commands');
  });

  it('asks /slack/install for exactly the manifest scopes, redirects to /slack/oauth_redirect and allows org-wide installs', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...scopes].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://rituals.example.com/slack/oauth_redirect']);
    expect(manifest.settings.org_deploy_enabled).toBe(true);
  });

  it('asks for no scope the code does not use', () => {
    const used = new Set([
      ...methodsUsed.flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...eventsUsed.flatMap((e) => EVENT_NEEDS[e]?.scopes ?? []),
      'commands',
    ]);
    expect(scopes.filter((s) => !used.has(s))).toEqual([]);
  });

  it('has a bot user, the Home tab, interactivity, and every request URL on /slack/events (placeholder host)', () => {
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const u of urls) expect(u).toBe('https://rituals.example.com/slack/events');
  });

  it('type-checks against the Manifest type of @slack/web-api, and a broken copy does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rituals-manifest-'));
    try {
      const typesPath = join(root, 'node_modules/@slack/web-api/dist/index.js');
      const file = (body: unknown) =>
        `import type { AppsManifestCreateArguments } from ${JSON.stringify(typesPath)};\n` +
        `type Manifest = AppsManifestCreateArguments['manifest'];\n` +
        `export const manifest = ${JSON.stringify(body, null, 2)} satisfies Manifest;\n`;
      const broken = structuredClone(manifest);
      broken.oauth_config.scopes.bot.push('chat:writee');
      broken.features.slash_commands[0].descriptionn = 'typo';
      writeFileSync(join(dir, 'good.ts'), file(manifest));
      writeFileSync(join(dir, 'broken.ts'), file(broken));
      const tsc = join(root, 'node_modules/.bin/tsc');
      const args = [
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(root, 'node_modules/@types'),
      ];
      const good = spawnSync(tsc, [...args, join(dir, 'good.ts')], { encoding: 'utf8', cwd: dir });
      expect(good.stdout + good.stderr).toBe('');
      expect(good.status).toBe(0);
      const bad = spawnSync(tsc, [...args, join(dir, 'broken.ts')], { encoding: 'utf8', cwd: dir });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/chat:writee/);
      expect(bad.stdout).toMatch(/descriptionn/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
