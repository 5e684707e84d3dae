// Builds the Teams app package that an admin sideloads: manifests/teams/manifest.json with the bot's
// app id (and the bot's domain in validDomains) filled in, plus color.png and outline.png, zipped flat
// into dist/teams-app.zip. Run: MICROSOFT_APP_ID=<guid> [PUBLIC_URL=https://bot.example.com] npm run teams:package
import 'dotenv/config';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_DIR = join(ROOT, 'manifests', 'teams');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export interface PackageOptions {
  /** The bot's Microsoft App ID (Azure Bot registration). */
  readonly appId: string;
  /** The Teams app id; defaults to the bot's app id. */
  readonly teamsAppId?: string;
  /** Host name of the bot (from PUBLIC_URL), added to validDomains. */
  readonly botDomain?: string;
  /** Replaces the placeholder developer URLs (website, privacy, terms). */
  readonly developerUrl?: string;
  readonly version?: string;
}

// The manifest is JSON read from disk and edited by key; its schema is checked by the tests, not here.
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON document
type Manifest = Record<string, any>;

export function packageOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): PackageOptions {
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  const publicUrl = env.PUBLIC_URL?.trim();
  const botDomain = env.TEAMS_BOT_DOMAIN?.trim() || (publicUrl ? new URL(publicUrl).host : undefined);
  return {
    appId,
    teamsAppId: env.TEAMS_APP_ID?.trim() || undefined,
    botDomain,
    developerUrl: env.TEAMS_DEVELOPER_URL?.trim() || undefined,
    version: env.TEAMS_APP_VERSION?.trim() || undefined,
  };
}

/** The manifest with ids, domain and URLs filled in; throws on an id that is not a GUID. */
export function fillManifest(template: Manifest, opts: PackageOptions): Manifest {
  if (!GUID.test(opts.appId))
    throw new Error(`MICROSOFT_APP_ID must be the bot's app id (a GUID), got "${opts.appId}"`);
  const teamsAppId = opts.teamsAppId ?? opts.appId;
  if (!GUID.test(teamsAppId)) throw new Error(`TEAMS_APP_ID must be a GUID, got "${teamsAppId}"`);
  const m: Manifest = structuredClone(template);
  m.id = teamsAppId;
  for (const bot of m.bots ?? []) bot.botId = opts.appId;
  if (opts.botDomain) m.validDomains = [...new Set([...(m.validDomains ?? []), opts.botDomain])];
  if (opts.version) m.version = opts.version;
  if (opts.developerUrl) {
    const base = opts.developerUrl.replace(/\/+$/, '');
    m.developer = { ...m.developer, websiteUrl: base, privacyUrl: `${base}/privacy`, termsOfUseUrl: `${base}/terms` };
  }
  return m;
}

/** The zip as a buffer: manifest.json, color.png and outline.png at its root. */
export function buildPackage(opts: PackageOptions, dir = MANIFEST_DIR): Promise<Buffer> {
  const manifest = fillManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), opts);
  const zip = new yazl.ZipFile();
  // A fixed timestamp keeps the package byte-identical for identical inputs.
  const mtime = new Date('2026-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
  zip.addBuffer(readFileSync(join(dir, manifest.icons.color)), manifest.icons.color, { mtime });
  zip.addBuffer(readFileSync(join(dir, manifest.icons.outline)), manifest.icons.outline, { mtime });
  zip.end();
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolvePromise(Buffer.concat(chunks)));
  });
}

async function main(): Promise<void> {
  const opts = packageOptionsFromEnv(process.env);
  const out = resolve(process.argv[2] ?? join(ROOT, 'dist', 'teams-app.zip'));
  const zip = await buildPackage(opts);
  mkdirSync(dirname(out), { recursive: true });
  await new Promise<void>((ok, fail) => createWriteStream(out).on('error', fail).end(zip, ok));
  process.stdout.write(
    `Teams app package written: ${out} (bot ${opts.appId}${opts.botDomain ? `, domain ${opts.botDomain}` : ''})\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
