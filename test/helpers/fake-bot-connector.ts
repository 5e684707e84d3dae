// A local fake of the Bot Connector service (real HTTP on 127.0.0.1): the bot's replies, card updates,
// proactive sends, new 1:1 conversations and roster look-ups land here and are recorded. Failures can be
// scripted (429 with Retry-After, 412, 503, 403 MessageWritesBlocked, a dropped connection...) to test the
// gateway's mapping.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  /** The conversation id from the path, decoded. */
  readonly conversationId?: string;
  /** The activity id from the path (reply or update), decoded. */
  readonly activityId?: string;
  readonly body: any;
  readonly authorization?: string;
  /** Status the fake answered, and its JSON body. */
  readonly status: number;
  readonly response?: any;
}

export interface ScriptedFailure {
  /** Ignored with `hangUp`. */
  readonly status: number;
  /** Close the connection without an answer (the client sees "socket hang up"); recorded with status 0. */
  readonly hangUp?: boolean;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RosterMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
  readonly tenantId?: string;
}

type Matcher = (call: { method: string; path: string; conversationId?: string }) => boolean;

/** The 403 Teams answers when the user uninstalled or blocked the bot. */
export const MESSAGE_WRITES_BLOCKED: ScriptedFailure = {
  status: 403,
  body: { error: { code: 'Forbidden', message: 'Message writes blocked', subCode: 'MessageWritesBlocked' } },
};

export class FakeBotConnector {
  readonly calls: RecordedCall[] = [];
  private server?: Server;
  private port = 0;
  private next = 1;
  private readonly failures: { match: Matcher; failure: ScriptedFailure; remaining: number }[] = [];
  /** Roster per conversation id (team or chat), for GET members and pagedmembers. */
  readonly rosters = new Map<string, RosterMember[]>();
  /**
   * Consulted for every call before the scripted failures: a failure to answer instead (a seeded storm,
   * a rate limit), undefined to let it through. Such failures happen before anything is accepted.
   */
  interceptor?: (call: { method: string; path: string; conversationId?: string }) => ScriptedFailure | undefined;
  /** Channels per team id, for GET /v3/teams/{id}/conversations. */
  readonly channels = new Map<string, { id: string; name?: string }[]>();

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The next `times` calls matching `match` (default: any call) answer `failure`. */
  failNext(failure: ScriptedFailure, times = 1, match: Matcher = () => true): void {
    this.failures.push({ match, failure, remaining: times });
  }

  /** Messages posted (new or replies), i.e. POST .../activities[/{id}]. */
  get sent(): RecordedCall[] {
    return this.calls.filter(
      (c) => c.method === 'POST' && /\/activities(\/|$)/.test(c.path) && c.status >= 200 && c.status < 300,
    );
  }

  get updates(): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.status >= 200 && c.status < 300);
  }

  get conversationsCreated(): RecordedCall[] {
    return this.calls.filter(
      (c) => c.method === 'POST' && c.path === '/v3/conversations' && c.status >= 200 && c.status < 300,
    );
  }

  /** Waits until `predicate` holds over the recorded calls (proactive sends are asynchronous). */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > until)
        throw new Error(
          `fake connector: condition not met; calls: ${this.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const m = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/.exec(path);
    const conversationId = m ? decodeURIComponent(m[1]!) : undefined;
    const activityId = m && m[2] === 'activities' && m[3] ? decodeURIComponent(m[3]) : undefined;
    const authorization = req.headers.authorization;

    const record = (status: number, out: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, path, conversationId, activityId, body, authorization, status, response: out });
      const payload = out === undefined ? '' : JSON.stringify(out);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload);
    };

    const intercepted = this.interceptor?.({ method, path, conversationId });
    if (intercepted)
      return record(
        intercepted.status,
        intercepted.body ?? { error: { code: 'Intercepted', message: 'intercepted' } },
        { ...intercepted.headers },
      );
    const scripted = this.failures.find((f) => f.remaining > 0 && f.match({ method, path, conversationId }));
    if (scripted?.failure.hangUp) {
      scripted.remaining -= 1;
      this.calls.push({ method, path, conversationId, activityId, body, authorization, status: 0 });
      req.socket.destroy();
      return;
    }
    if (scripted) {
      scripted.remaining -= 1;
      return record(
        scripted.failure.status,
        scripted.failure.body ?? { error: { code: 'Scripted', message: 'scripted failure' } },
        { ...scripted.failure.headers },
      );
    }

    const team = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
    if (team && method === 'GET') {
      return record(200, { conversations: this.channels.get(decodeURIComponent(team[1]!)) ?? [] });
    }
    if (method === 'POST' && path === '/v3/conversations') {
      const id = `a:fake-1to1-${this.next++}`;
      return record(201, { id, activityId: body?.activity ? `act-${this.next++}` : undefined });
    }
    if (m && m[2] === 'activities' && (method === 'POST' || method === 'PUT')) {
      const id = method === 'PUT' ? activityId! : `act-${this.next++}`;
      return record(method === 'PUT' ? 200 : 201, { id });
    }
    if (m && method === 'GET' && m[2] === 'members' && m[3]) {
      const who = decodeURIComponent(m[3]);
      const member = this.rosterOf(conversationId!).find((r) => r.id === who || r.aadObjectId === who);
      return member
        ? record(200, member)
        : record(404, { error: { code: 'MemberNotFoundInConversation', message: 'member not found' } });
    }
    if (m && method === 'GET' && m[2] === 'pagedmembers') {
      return record(200, { members: this.rosterOf(conversationId!) });
    }
    if (m && method === 'GET' && m[2] === 'members') {
      return record(200, this.rosterOf(conversationId!));
    }
    return record(404, { error: { code: 'NotFound', message: `fake connector: no route for ${method} ${path}` } });
  }

  private rosterOf(conversationId: string): RosterMember[] {
    // A channel thread id carries ";messageid=..."; the roster belongs to the channel.
    return this.rosters.get(conversationId.split(';')[0]!) ?? [];
  }
}
