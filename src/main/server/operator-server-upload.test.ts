import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Studio } from '../core/studio';
import type { OperatorServer } from './operator-server';
import {
  operatorServerPerTest,
  type OperatorServerFixture,
} from '../../../test-support/core/operator-server-fixture';

let fx: OperatorServerFixture;
let studio: Studio;
let server: OperatorServer;
let dataDir: string;

operatorServerPerTest('shelfcast-upload-', (started) => {
  fx = started;
  ({ studio, server, dataDir } = started);
});

const token = () => fx.token();

/** POSTs a body in 1 MiB pieces (as a browser streams a file); `chunked` leaves out Content-Length. */
function upload(
  body: Buffer,
  opts: { name?: string; headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/upload?name=${encodeURIComponent(opts.name ?? 'big.csv')}`,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token()}`,
          ...(opts.chunked ? {} : { 'Content-Length': String(body.length) }),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let json: Record<string, unknown>;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = { text };
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    const piece = 1024 * 1024;
    let at = 0;
    const write = () => {
      while (at < body.length) {
        const ok = req.write(body.subarray(at, (at += piece)));
        if (!ok) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

function openWs(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws?token=${token()}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A sheet over 16 MiB: `rows` products, each with a long note (a column the import leaves out). */
function bigCsv(rows: number): Buffer {
  const points = '甘肃静宁高原红富士苹果，脆甜多汁，'.repeat(230); // 3,910 characters, 3 bytes each
  const lines = ['外部编码,商品名称,直播价,内部说明'];
  for (let i = 1; i <= rows; i++) lines.push(`BIG-${i},静宁苹果 ${i} 号,19.90,${points}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('console upload', () => {
  it('streams a body over 16 MiB to the studio, which then imports it by id in the background', async () => {
    const rows = 1_600;
    const body = bigCsv(rows);
    expect(body.length).toBeGreaterThan(16 * 1024 * 1024);
    const up = await upload(body);
    expect(up.status).toBe(200);
    const { uploadId, size } = up.json.value as { uploadId: string; size: number };
    expect(size).toBe(body.length);

    const ws = await openWs();
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (d: WebSocket.RawData) =>
      frames.push(JSON.parse(d.toString()) as Record<string, unknown>),
    );
    const finished = new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (d: WebSocket.RawData) => {
        const f = JSON.parse(d.toString()) as { type: string; event?: string; payload?: unknown };
        if (f.type === 'event' && f.event === 'shelf.importFinished')
          resolve(f.payload as Record<string, unknown>);
      }),
    );
    ws.send(JSON.stringify({ type: 'subscribe', event: 'shelf.importFinished' }));
    ws.send(JSON.stringify({ type: 'subscribe', event: 'shelf.importProgress' }));
    ws.send(
      JSON.stringify({
        type: 'call',
        id: 1,
        op: 'shelf.importStart',
        input: { fileName: 'big.csv', uploadId },
      }),
    );
    const end = await finished;
    ws.close();
    // The call's answer (the job id) came first, then progress, then the result as an event.
    const kinds = frames.map((f) => (f.type === 'result' ? 'result' : (f.event as string)));
    expect(kinds.indexOf('result')).toBeLessThan(kinds.indexOf('shelf.importProgress'));
    expect(kinds.at(-1)).toBe('shelf.importFinished');
    expect(end.error).toBeNull();
    expect(end).toMatchObject({ outcome: 'done', result: { created: rows, updated: 0 } });
    expect((await studio.call('shelf.search', { query: '静宁苹果 1600' })).total).toBeGreaterThan(0);
  }, 120_000); // 19 MB through a real socket, a worker and the database: slow on a shared machine

  it('answers a body over the limit with a 413 and a translated error, not a reset', async () => {
    studio.shelf.uploads.limit = 1024 * 1024;
    const body = Buffer.alloc(1536 * 1024, 'a');
    for (const chunked of [false, true]) {
      const r = await upload(body, { chunked, name: '太大.csv' });
      expect(r.status).toBe(413);
      expect(r.json).toMatchObject({
        ok: false,
        error: {
          code: 'bad_request',
          key: 'shelf:importJob.tooLarge',
          params: { file: '太大.csv', limitMb: 1 },
        },
      });
    }
    // Nothing of it stays on disk; a file within the limit still goes through.
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
    expect((await upload(Buffer.alloc(1000, 'a'))).status).toBe(200);
  });

  it('needs the token and this host as Origin, like every other console request', async () => {
    const small = Buffer.from('外部编码,商品名称,直播价\r\nA,苹果,1\r\n');
    expect((await upload(small, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await upload(small, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await upload(small, { headers: { Host: `rebind.example:${server.port}` } })).status).toBe(403);
    expect((await upload(small)).status).toBe(200);
  });
});
