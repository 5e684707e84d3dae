// A local stand-in for the Bot Framework's OpenID metadata and signing keys: the bot's real token
// validation (botframework-connector) is pointed at it, so tests can send really signed tokens, and
// tokens forged with another key, and see the bot accept or refuse them.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64url(claims);
  const sig = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key);
  return `${head}.${body}.${b64url(sig)}`;
}

export class FakeOpenId {
  private server?: Server;
  private port = 0;
  private readonly kid = 'test-signing-key';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Another key nobody published: tokens signed with it are forgeries. */
  private readonly stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

  get metadataUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      const base = `http://127.0.0.1:${this.port}`;
      const body =
        req.url === '/v1/.well-known/openidconfiguration'
          ? {
              issuer: BOT_FRAMEWORK_ISSUER,
              jwks_uri: `${base}/v1/keys`,
              id_token_signing_alg_values_supported: ['RS256'],
            }
          : req.url === '/v1/keys'
            ? { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token as the Bot Connector sends it: issued by the Bot Framework, for `appId`, for `serviceUrl`. */
  token(appId: string, serviceUrl: string, extra: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    return jwt(this.keys.privateKey, this.kid, {
      iss: BOT_FRAMEWORK_ISSUER,
      aud: appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 600,
      ...extra,
    });
  }

  /** Same claims, same key id, but signed with a key that was never published. */
  forged(appId: string, serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    return jwt(this.stranger.privateKey, this.kid, {
      iss: BOT_FRAMEWORK_ISSUER,
      aud: appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 600,
    });
  }
}
