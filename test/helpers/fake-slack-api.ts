// A local fake of the Slack Web API (real HTTP on 127.0.0.1, random port). It reads the form-encoded
// and JSON bodies @slack/web-api sends, records every call, keeps the messages it was sent (so a test
// can see a DM updated in place), refuses blocks and views that break Block Kit limits as Slack does,
// answers 429 + Retry-After beyond a configured rate, and can be scripted to fail (not_in_channel,
// account_inactive, HTTP 503...). Response URLs (ephemeral answers) are served here too, and so is the
// files.uploadV2 flow: files.getUploadURLExternal hands out an upload URL on this fake, the client POSTs
// the bytes there, and files.completeUploadExternal shares them in a channel or thread (kept in `files`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { blockKitProblems, viewProblems } from '../../src/slack/blocks/limits.js';
import { FakeSocketMode } from './fake-socket-mode.js';

export interface FakeSlackCall {
  readonly method: string;
  readonly args: Record<string, any>;
  readonly token?: string;
  /** What the fake answered: `ok`, a Slack error code, `http_429`... */
  readonly outcome: string;
}

export interface FakeSlackUser {
  readonly id: string;
  readonly email?: string;
  readonly tz?: string;
  readonly locale?: string;
  readonly isBot?: boolean;
  readonly deleted?: boolean;
}

export interface FakeMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: any[];
  updates: number;
}

export type Failure = { readonly error: string } | { readonly httpStatus: number } | { readonly networkDrop: true };

interface ScriptedFailure {
  readonly method: string;
  readonly when?: (args: Record<string, any>) => boolean;
  readonly failure: Failure;
  remaining: number;
}

/** A file shared by files.completeUploadExternal, with the bytes that were uploaded for it. */
export interface FakeSlackFile {
  readonly id: string;
  readonly filename: string;
  readonly title?: string;
  readonly altText?: string;
  readonly bytes: Buffer;
  readonly channel: string;
  readonly threadTs?: string;
  readonly initialComment?: string;
}

interface PendingUpload {
  readonly filename: string;
  readonly length: number;
  readonly altText?: string;
  bytes?: Buffer;
}

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata', 'files'];

/** A bot token of an installed workspace (or of an org-wide install): what auth.test answers for it. */
export interface FakeBotToken {
  readonly teamId?: string;
  readonly enterpriseId?: string;
  readonly botUserId: string;
  readonly botId: string;
}

/** What `oauth.v2.access` grants for a code (as Slack does after "Add to Slack"). */
export interface FakeOAuthGrant {
  readonly team?: { readonly id: string; readonly name: string };
  readonly enterprise?: { readonly id: string; readonly name: string };
  readonly isEnterpriseInstall?: boolean;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly installerUserId: string;
  readonly scope: string;
}

export class FakeSlackApi {
  readonly calls: FakeSlackCall[] = [];
  /** Bodies POSTed to response URLs, with the id from the URL. */
  readonly responses: { readonly id: string; readonly body: any }[] = [];
  /** Response URL ids that answer 404 `expired_url`, as Slack does after 30 minutes or 5 uses. */
  readonly expiredResponseUrls = new Set<string>();
  readonly users = new Map<string, FakeSlackUser>();
  /** Channel id -> whether the bot is a member (DM channels are added by conversations.open). */
  readonly channels = new Map<string, { member: boolean; archived?: boolean }>();
  readonly messages: FakeMessage[] = [];
  readonly views = new Map<string, { view: any; hash: string; userId?: string }>();
  /** Modals opened or updated (views.open/update/push), in order, as Slack returned them (with id and hash). */
  readonly modals: any[] = [];
  /** Home tab per user, as last published. */
  readonly homes = new Map<string, any>();
  /** Files shared in a channel or thread, in order. */
  readonly files: FakeSlackFile[] = [];
  private readonly uploads = new Map<string, PendingUpload>();
  token = 'xoxb-test-token';
  botUserId = 'U0BOT';
  /** More bot tokens (OAuth installs); `token` above is always accepted, as workspace T0TEST. */
  readonly tokens = new Map<string, FakeBotToken>();
  /** The app's OAuth credentials and the codes `oauth.v2.access` exchanges (each once). */
  oauthApp?: { readonly clientId: string; readonly clientSecret: string };
  readonly oauthCodes = new Map<string, FakeOAuthGrant>();
  private readonly failures: ScriptedFailure[] = [];
  private readonly rates = new Map<string, { max: number; windowMs: number; retryAfter: number; hits: number[] }>();
  /** Methods whose calls wait, unanswered, until released (a slow Slack). */
  private readonly holds = new Map<string, { released: Promise<void>; waiting: number }>();
  /**
   * Consulted before every call (after the scripted failures' turn, before dispatch): a failure to answer
   * instead, e.g. a seeded storm of 429s and 500s or a per-channel rate; undefined lets the call through.
   * A failure here happens before anything is accepted, as Slack's refusals do.
   */
  interceptor?: (
    method: string,
    args: Record<string, any>,
  ) => Failure | { readonly retryAfterSeconds: number } | undefined;
  private server?: Server;
  private port = 0;
  /** Set by enableSocketMode: the WebSocket side, and the app-level token apps.connections.open accepts. */
  socket?: FakeSocketMode;
  appToken = 'xapp-test-token';
  private seq = 0;

  /** Base URL for SLACK_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${encodeURIComponent(id)}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  /** Serves Socket Mode: apps.connections.open (with the app-level token) returns a WebSocket URL here. */
  enableSocketMode(): FakeSocketMode {
    this.socket = new FakeSocketMode(this.server!);
    return this.socket;
  }

  async close(): Promise<void> {
    this.socket?.close();
    if (!this.server) return;
    await new Promise<void>((resolve) => {
      this.server!.close(() => resolve());
      this.server!.closeAllConnections();
    });
  }

  addUser(user: FakeSlackUser): this {
    this.users.set(user.id, user);
    return this;
  }

  addChannel(id: string, opts: { member?: boolean; archived?: boolean } = {}): this {
    this.channels.set(id, { member: opts.member ?? true, archived: opts.archived });
    return this;
  }

  /** The next `times` calls of `method` (matching `when`) fail this way. */
  fail(
    method: string,
    failure: Failure,
    opts: { times?: number; when?: (args: Record<string, any>) => boolean } = {},
  ): this {
    this.failures.push({ method, failure, when: opts.when, remaining: opts.times ?? 1 });
    return this;
  }

  /**
   * Calls of `method` get no answer until `release()` (a slow Slack, without a clock): `waiting()` counts
   * the calls received and not answered yet.
   */
  hold(method: string): { release(): void; waiting(): number } {
    let release!: () => void;
    const gate = { released: new Promise<void>((r) => (release = r)), waiting: 0 };
    this.holds.set(method, gate);
    return {
      release: () => {
        this.holds.delete(method);
        release();
      },
      waiting: () => gate.waiting,
    };
  }

  /** Beyond `max` calls of `method` per `windowMs`, answer 429 with Retry-After. */
  rateLimit(method: string, max: number, windowMs: number, retryAfterSeconds = 1): this {
    this.rates.set(method, { max, windowMs, retryAfter: retryAfterSeconds, hits: [] });
    return this;
  }

  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  okCallsTo(method: string): FakeSlackCall[] {
    return this.callsTo(method).filter((c) => c.outcome === 'ok');
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  messagesIn(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  dmChannelOf(userId: string): string {
    return `D${userId}`;
  }

  /** Waits until `predicate` holds (work done after an ack runs after the HTTP answer). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const v = predicate();
      if (v) return v;
      if (Date.now() - start > timeoutMs) throw new Error('fake Slack: condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private nextTs(): string {
    this.seq += 1;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const raw = body.toString('utf8');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/upload/')) {
      await this.receiveUpload(decodeURIComponent(path.slice('/upload/'.length)), body, req, res);
      return;
    }
    if (path.startsWith('/response/')) {
      if (this.expiredResponseUrls.has(decodeURIComponent(path.slice('/response/'.length)))) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
        return;
      }
      this.responses.push({
        id: decodeURIComponent(path.slice('/response/'.length)),
        body: raw ? JSON.parse(raw) : {},
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (!path.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = path.slice('/api/'.length);
    const args = this.parseArgs(raw, req.headers['content-type']);
    const gate = this.holds.get(method);
    if (gate) {
      gate.waiting += 1;
      await gate.released;
      gate.waiting -= 1;
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    const answer = (outcome: string, status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, args, token, outcome });
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(body));
    };

    const rate = this.rates.get(method);
    if (rate) {
      const now = Date.now();
      rate.hits = rate.hits.filter((h) => now - h < rate.windowMs);
      if (rate.hits.length >= rate.max) {
        answer('http_429', 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(rate.retryAfter) });
        return;
      }
      rate.hits.push(now);
    }
    const scripted = this.failures.find((f) => f.method === method && f.remaining > 0 && (!f.when || f.when(args)));
    if (scripted) {
      scripted.remaining -= 1;
      const f = scripted.failure;
      if ('networkDrop' in f) {
        this.calls.push({ method, args, token, outcome: 'network_drop' });
        req.socket.destroy();
        return;
      }
      if ('httpStatus' in f) {
        answer(
          `http_${f.httpStatus}`,
          f.httpStatus,
          { ok: false, error: 'http_error' },
          f.httpStatus === 429 ? { 'retry-after': '2' } : {},
        );
        return;
      }
      answer(f.error, 200, { ok: false, error: f.error });
      return;
    }
    const intercepted = this.interceptor?.(method, args);
    if (intercepted) {
      if ('retryAfterSeconds' in intercepted) {
        answer(
          'http_429',
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(intercepted.retryAfterSeconds) },
        );
        return;
      }
      if ('networkDrop' in intercepted) {
        this.calls.push({ method, args, token, outcome: 'network_drop' });
        req.socket.destroy();
        return;
      }
      if ('httpStatus' in intercepted) {
        answer(`http_${intercepted.httpStatus}`, intercepted.httpStatus, { ok: false, error: 'http_error' });
        return;
      }
      answer(intercepted.error, 200, { ok: false, error: intercepted.error });
      return;
    }
    if (method === 'apps.connections.open') {
      if (!this.socket || token !== this.appToken) answer('invalid_auth', 200, { ok: false, error: 'invalid_auth' });
      else answer('ok', 200, { ok: true, url: this.socket.url(this.port) });
      return;
    }
    if (method === 'oauth.v2.access') {
      const result = this.oauthAccess(args, req.headers.authorization);
      answer(result.ok ? 'ok' : String(result.error), 200, result);
      return;
    }
    if (token !== this.token && !(token && this.tokens.has(token))) {
      answer('invalid_auth', 200, { ok: false, error: 'invalid_auth' });
      return;
    }
    if (method === 'auth.test' && token && this.tokens.has(token)) {
      const t = this.tokens.get(token)!;
      answer('ok', 200, {
        ok: true,
        url: 'https://grid.slack.test/',
        team: 'Installed',
        user: 'rituals',
        team_id: t.teamId,
        enterprise_id: t.enterpriseId,
        user_id: t.botUserId,
        bot_id: t.botId,
        is_enterprise_install: !t.teamId,
      });
      return;
    }
    const result = this.dispatch(method, args);
    answer(result.ok ? 'ok' : String(result.error), 200, result);
  }

  /** oauth.v2.access: client credentials (form fields or Basic auth) and a code issued for this app. */
  private oauthAccess(a: Record<string, any>, authorization: string | undefined): Record<string, any> {
    let clientId = a.client_id;
    let clientSecret = a.client_secret;
    if (authorization?.startsWith('Basic '))
      [clientId, clientSecret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    if (!this.oauthApp || clientId !== this.oauthApp.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== this.oauthApp.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const grant = this.oauthCodes.get(String(a.code));
    if (!grant) return { ok: false, error: 'invalid_code' };
    this.oauthCodes.delete(String(a.code));
    this.tokens.set(grant.botToken, {
      teamId: grant.team?.id,
      enterpriseId: grant.enterprise?.id,
      botUserId: grant.botUserId,
      botId: grant.botId,
    });
    return {
      ok: true,
      app_id: 'A0TEST',
      authed_user: { id: grant.installerUserId },
      scope: grant.scope,
      token_type: 'bot',
      access_token: grant.botToken,
      bot_user_id: grant.botUserId,
      team: grant.team ?? null,
      enterprise: grant.enterprise ?? null,
      is_enterprise_install: grant.isEnterpriseInstall === true,
    };
  }

  /** The workspace a call was made for (by its token), for tests of per-workspace tokens. */
  teamOfToken(token: string | undefined): string | undefined {
    if (token === this.token) return 'T0TEST';
    const t = token ? this.tokens.get(token) : undefined;
    return t?.teamId ?? (t?.enterpriseId ? `org:${t.enterpriseId}` : undefined);
  }

  private parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
    const args: Record<string, any> = (contentType ?? '').includes('application/json')
      ? (JSON.parse(raw || '{}') as Record<string, any>)
      : Object.fromEntries(new URLSearchParams(raw).entries());
    for (const k of JSON_FIELDS) {
      if (typeof args[k] === 'string') {
        try {
          args[k] = JSON.parse(args[k]);
        } catch {
          // Left as text: Slack would refuse it, and so does the validation below.
        }
      }
    }
    return args;
  }

  private dispatch(method: string, a: Record<string, any>): Record<string, any> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.test/',
          team: 'Acme',
          user: 'rituals',
          team_id: 'T0TEST',
          user_id: this.botUserId,
          bot_id: 'B0BOT',
        };
      case 'users.info': {
        const u = this.users.get(a.user);
        return u ? { ok: true, user: this.userJson(u) } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const u = [...this.users.values()].find((x) => x.email?.toLowerCase() === String(a.email).toLowerCase());
        return u ? { ok: true, user: this.userJson(u) } : { ok: false, error: 'users_not_found' };
      }
      case 'conversations.open': {
        const u = this.users.get(a.users);
        if (!u) return { ok: false, error: 'user_not_found' };
        if (u.deleted) return { ok: false, error: 'account_inactive' };
        if (u.isBot) return { ok: false, error: 'cannot_dm_bot' };
        const id = this.dmChannelOf(u.id);
        this.channels.set(id, { member: true });
        return { ok: true, channel: { id } };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const problem = this.messageProblem(a);
        if (problem) return problem;
        let channel = String(a.channel);
        if (channel.startsWith('U')) {
          // A user id posts to the bot's DM with that user (opened on the way), as Slack does.
          const u = this.users.get(channel);
          if (!u) return { ok: false, error: 'channel_not_found' };
          if (u.deleted) return { ok: false, error: 'account_inactive' };
          if (u.isBot) return { ok: false, error: 'cannot_dm_bot' };
          channel = this.dmChannelOf(channel);
          if (!this.channels.has(channel)) this.channels.set(channel, { member: true });
        }
        const c = this.channels.get(channel);
        if (!c) return { ok: false, error: 'channel_not_found' };
        if (c.archived) return { ok: false, error: 'is_archived' };
        if (!c.member) return { ok: false, error: 'not_in_channel' };
        const ts = this.nextTs();
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: ts };
        this.messages.push({ channel, ts, text: a.text ?? '', blocks: a.blocks ?? [], updates: 0 });
        return { ok: true, channel, ts, message: { text: a.text, ts } };
      }
      case 'chat.update': {
        const problem = this.messageProblem(a);
        if (problem) return problem;
        const m = this.message(a.channel, a.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        m.text = a.text ?? '';
        m.blocks = a.blocks ?? [];
        m.updates += 1;
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
      }
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish': {
        if (method === 'views.open' && !a.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
        const view = a.view;
        const problems = viewProblems(view);
        if (problems.length > 0)
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        const id =
          method === 'views.update' && a.view_id ? String(a.view_id) : `V${String(++this.seq).padStart(6, '0')}`;
        const hash = `h${++this.seq}`;
        this.views.set(id, { view, hash, userId: a.user_id });
        if (method === 'views.publish') this.homes.set(a.user_id, view);
        else this.modals.push({ ...view, id, hash });
        return { ok: true, view: { ...view, id, hash } };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(a.length);
        if (!a.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(++this.seq).padStart(8, '0')}`;
        this.uploads.set(id, {
          filename: String(a.filename),
          length,
          ...(a.alt_text !== undefined ? { altText: String(a.alt_text) } : {}),
        });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = a.files as { id: string; title?: string }[] | undefined;
        if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
        if (files.some((f) => this.uploads.get(f.id)?.bytes === undefined))
          return { ok: false, error: 'file_not_found' };
        const channel = String(a.channel_id ?? '');
        if (channel) {
          const c = this.channels.get(channel);
          if (!c) return { ok: false, error: 'channel_not_found' };
          if (!c.member) return { ok: false, error: 'not_in_channel' };
          if (a.thread_ts !== undefined && !this.message(channel, String(a.thread_ts)))
            return { ok: false, error: 'invalid_thread_ts' };
        }
        for (const f of files) {
          const up = this.uploads.get(f.id)!;
          this.uploads.delete(f.id);
          this.files.push({
            id: f.id,
            filename: up.filename,
            bytes: up.bytes!,
            channel,
            ...(f.title !== undefined ? { title: f.title } : {}),
            ...(up.altText !== undefined ? { altText: up.altText } : {}),
            ...(a.thread_ts !== undefined ? { threadTs: String(a.thread_ts) } : {}),
            ...(a.initial_comment !== undefined ? { initialComment: String(a.initial_comment) } : {}),
          });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /**
   * The upload URL: takes the file's bytes (multipart, as @slack/web-api sends them, or raw) and answers
   * 200 like Slack. Scripted failures use the method name `upload`.
   */
  private async receiveUpload(id: string, body: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '');
    const record = (outcome: string, size: number) =>
      this.calls.push({ method: 'upload', args: { file_id: id, size }, outcome });
    const scripted = this.failures.find(
      (f) => f.method === 'upload' && f.remaining > 0 && (!f.when || f.when({ file_id: id })),
    );
    if (scripted && 'httpStatus' in scripted.failure) {
      scripted.remaining -= 1;
      record(`http_${scripted.failure.httpStatus}`, body.length);
      res.writeHead(scripted.failure.httpStatus, { 'content-type': 'text/plain' }).end('upload failed');
      return;
    }
    const pending = this.uploads.get(id);
    let bytes = body;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
      const file = [...form.values()].find((v) => typeof v !== 'string');
      bytes = file && typeof file !== 'string' ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    }
    if (!pending || bytes.length !== pending.length) {
      record(pending ? 'bad_length' : 'unknown_upload', bytes.length);
      res.writeHead(pending ? 400 : 404, { 'content-type': 'text/plain' }).end('bad upload');
      return;
    }
    pending.bytes = bytes;
    record('ok', bytes.length);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
  }

  private messageProblem(a: Record<string, any>): Record<string, any> | undefined {
    if (a.blocks !== undefined) {
      const problems = blockKitProblems(a.blocks, 'message');
      if (problems.length > 0) return { ok: false, error: 'invalid_blocks', errors: problems };
    } else if (!a.text) return { ok: false, error: 'no_text' };
    if (typeof a.text === 'string' && a.text.length > 40_000) return { ok: false, error: 'msg_too_long' };
    return undefined;
  }

  private userJson(u: FakeSlackUser): Record<string, unknown> {
    return {
      id: u.id,
      deleted: u.deleted ?? false,
      is_bot: u.isBot ?? false,
      tz: u.tz ?? 'America/New_York',
      locale: u.locale ?? 'en-US',
      profile: { email: u.email },
    };
  }
}
