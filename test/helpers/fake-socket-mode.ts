// The Socket Mode side of the fake Slack API: a minimal WebSocket server (RFC 6455 handshake, text,
// ping/pong and close frames) on the fake's own port. apps.connections.open hands out its URL; the
// test pushes envelopes (events_api, slash_commands, interactive) and reads the app's acks.
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : (() => {
            const b = Buffer.alloc(10);
            b[0] = 0x80 | opcode;
            b[1] = 127;
            b.writeBigUInt64BE(BigInt(len), 2);
            return b;
          })();
  return Buffer.concat([head, payload]);
}

export class FakeSocketMode {
  /** Messages the app sent (acks), parsed. */
  readonly received: any[] = [];
  private socket: Duplex | undefined;
  private buffer = Buffer.alloc(0);
  private connectedResolve?: () => void;
  readonly connected = new Promise<void>((r) => (this.connectedResolve = r));

  constructor(
    server: Server,
    private readonly path = '/socket-mode',
  ) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => this.upgrade(req, socket));
  }

  url(port: number): string {
    return `ws://127.0.0.1:${port}${this.path}`;
  }

  private upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (!req.url?.startsWith(this.path) || typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined);
    this.sendJson({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'fake' },
      connection_info: { app_id: 'A0TEST' },
    });
    this.connectedResolve?.();
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      const masked = (this.buffer[1]! & 0x80) !== 0;
      let len = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskLen = masked ? 4 : 0;
      if (this.buffer.length < offset + maskLen + len) return;
      const mask = this.buffer.subarray(offset, offset + maskLen);
      const payload = Buffer.from(this.buffer.subarray(offset + maskLen, offset + maskLen + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
      this.buffer = this.buffer.subarray(offset + maskLen + len);
      if (opcode === 0x1) this.received.push(JSON.parse(payload.toString('utf8')));
      else if (opcode === 0x9) this.socket?.write(frame(0xa, payload));
      else if (opcode === 0x8) {
        this.socket?.end(frame(0x8, payload.subarray(0, 2)));
        this.socket = undefined;
      }
    }
  }

  sendJson(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  }

  /** Pushes an envelope the way Slack does; resolves with the app's ack for it. */
  async deliver(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    envelopeId: string,
    retryAttempt = 0,
  ): Promise<any> {
    this.sendJson({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: retryAttempt,
      retry_reason: retryAttempt ? 'timeout' : '',
    });
    const start = Date.now();
    for (;;) {
      const ack = this.received.find((m) => m.envelope_id === envelopeId);
      if (ack) return ack;
      if (Date.now() - start > 5_000) throw new Error(`no ack for ${envelopeId}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket?.destroy();
  }
}
