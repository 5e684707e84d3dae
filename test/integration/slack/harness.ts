// Starts what a Slack test needs over real HTTP on 127.0.0.1: the fake Slack Web API, our HTTP server
// with the Slack adapter mounted on it, and a silent logger; `close()` stops them all.
import type { Workspace } from '../../../src/core/domain/model.js';
import type { RitualsService } from '../../../src/core/service.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/slack/adapter.js';
import type { CheckInFollowUp } from '../../../src/slack/check-in-follow-up.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { type PostOptions, postSigned, type SlackPost } from '../../helpers/slack-sign.js';

export const SECRET = 'test-signing-secret';

export interface SlackHarness {
  readonly fake: FakeSlackApi;
  readonly http: HttpServer;
  readonly adapter: SlackAdapter;
  readonly baseUrl: string;
  post(post: SlackPost, opts?: Partial<PostOptions>): ReturnType<typeof postSigned>;
  close(): Promise<void>;
}

export async function startSlackHarness(opts: {
  service: RitualsService;
  workspace: () => Workspace;
  fake?: FakeSlackApi;
  start?: boolean;
  /** Where check-in follow-ups go (the background thread in production); absent, they run after the ack. */
  followUps?: (job: CheckInFollowUp) => void;
}): Promise<SlackHarness> {
  const fake = opts.fake ?? (await new FakeSlackApi().start());
  const log = createLogger('silent');
  const http = new HttpServer(log);
  const adapter = createSlackAdapter({
    config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.url },
    service: opts.service,
    workspace: opts.workspace,
    http,
    log,
    ...(opts.followUps ? { followUps: opts.followUps } : {}),
  });
  const { port } = await http.listen(0, '127.0.0.1');
  if (opts.start !== false) await adapter.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    fake,
    http,
    adapter,
    baseUrl,
    post: (post, o = {}) => postSigned(baseUrl, post, { secret: SECRET, ...o }),
    async close() {
      await adapter.stop();
      await http.close();
      await fake.close();
    },
  };
}
