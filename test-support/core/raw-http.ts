import crypto from 'node:crypto';
import net from 'node:net';

/** Test support: HTTP and WebSocket spoken by hand over TCP, so tests can send what no client library would. */

export interface RawResponse {
  /** 0 when the server closed without an HTTP answer. */
  status: number;
  head: string;
  body: string;
}

const parse = (raw: Buffer): RawResponse => {
  const text = raw.toString('utf8');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const split = text.indexOf('\r\n\r\n');
  const head = split >= 0 ? text.slice(0, split) : text;
  const body = split >= 0 ? text.slice(split + 4) : '';
  return {
    status: m ? Number(m[1]) : 0,
    head,
    body: /\r\ntransfer-encoding: chunked/i.test(head) ? dechunk(body) : body,
  };
};

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (let i = 0; i < 10_000; i++) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (eol < 0 || !(size > 0)) break;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
  return out;
}

/** Has `raw` a whole response (by Content-Length, chunked end, or a status without a body)? */
function complete(raw: Buffer, head: boolean): boolean {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return false;
  const headText = raw.subarray(0, split).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headText)?.[1] ?? 0);
  if (head || status === 204 || status === 304 || (status >= 100 && status < 200 && status !== 101))
    return true;
  const length = /\r\ncontent-length: *(\d+)/i.exec(headText);
  if (length) return raw.length - split - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding: *chunked/i.test(headText)) return raw.subarray(split).includes('\r\n0\r\n\r\n');
  return false;
}

/**
 * Sends bytes as they are and returns the server's answer: once it is complete, or whatever came
 * before the server closed. The socket is never half-closed first (a server may drop a streamed
 * answer to a client that has stopped sending).
 */
export function rawRequest(port: number, bytes: string | Buffer): Promise<RawResponse> {
  const isHead = bytes.toString().startsWith('HEAD ');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(parse(Buffer.concat(chunks)));
    };
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (complete(Buffer.concat(chunks), isHead)) finish();
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
  });
}

export interface RawFrame {
  opcode: number;
  data: Buffer;
}

/**
 * A WebSocket client that does only what it is told: it never answers a close frame (like a
 * client that ignores being disconnected) and never answers pings.
 */
export interface RawWebSocket {
  /** The handshake answer (status 101 when upgraded). */
  response: RawResponse;
  frames: RawFrame[];
  sendText(text: string): void;
  /** The next text frame (after those already read) matching `match`. */
  nextText(match: (text: string) => boolean): Promise<string>;
  /** Resolves when the server ends the TCP connection. */
  closed: Promise<void>;
  destroy(): void;
}

export function rawWebSocket(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const frames: RawFrame[] = [];
    const waiters: (() => void)[] = [];
    let read = 0;
    let onClosed: () => void = () => undefined;
    const closed = new Promise<void>((r) => (onClosed = r));
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.on('connect', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
    const api: RawWebSocket = {
      response: { status: 0, head: '', body: '' },
      frames,
      sendText(text) {
        const payload = Buffer.from(text, 'utf8');
        const mask = crypto.randomBytes(4);
        const len = payload.length;
        const head =
          len < 126
            ? Buffer.from([0x81, 0x80 | len])
            : len < 65536
              ? Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff])
              : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), u64(len)]);
        const masked = Buffer.alloc(len);
        for (let i = 0; i < len; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
        if (!socket.destroyed) socket.write(Buffer.concat([head, mask, masked]));
      },
      nextText(match) {
        return new Promise((res) => {
          const check = () => {
            while (read < frames.length) {
              const f = frames[read++]!;
              if (f.opcode === 1 && match(f.data.toString('utf8'))) return res(f.data.toString('utf8'));
            }
            waiters.push(check);
          };
          check();
        });
      },
      closed,
      destroy: () => socket.destroy(),
    };
    const drainFrames = () => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        let len = buffer[1]! & 0x7f;
        let at = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          if (buffer.length < 10) return;
          len = Number(buffer.readBigUInt64BE(2));
          at = 10;
        }
        if (buffer.length < at + len) return;
        frames.push({ opcode, data: buffer.subarray(at, at + len) });
        buffer = buffer.subarray(at + len);
        for (const w of waiters.splice(0)) w();
      }
    };
    socket.on('data', (c: Buffer) => {
      buffer = Buffer.concat([buffer, c]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        // A refusal (anything but 101) is read whole when the server closes.
        if (end < 0 || parse(buffer).status !== 101) return;
        api.response = parse(buffer.subarray(0, end + 4));
        buffer = buffer.subarray(end + 4);
        upgraded = true;
        resolve(api);
      }
      drainFrames();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!upgraded) {
        api.response = parse(buffer);
        resolve(api);
      }
      onClosed();
    });
    socket.on('timeout', () => reject(new Error('no answer')));
  });
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}
