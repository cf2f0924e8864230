import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { Studio } from '../core/studio';
import { OperatorServer } from './operator-server';

let studio: Studio;
let server: OperatorServer;
let dataDir: string;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-console-broadcast-'));
  studio = new Studio({ dataDir, mode: 'headless' });
  server = new OperatorServer(studio, { staticDir: os.tmpdir(), port: 0 });
  studio.addService(server);
  await studio.start();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await studio.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A console client subscribed to `event`, once the server has taken the subscription. */
async function subscribed(
  event: string,
): Promise<{ ws: WebSocket; frames: { text: string; binary: boolean }[] }> {
  const token = new URL(server.localUrl).searchParams.get('token')!;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const frames: { text: string; binary: boolean }[] = [];
  ws.on('message', (data, binary) => frames.push({ text: data.toString(), binary }));
  ws.send(JSON.stringify({ type: 'subscribe', event }));
  // Frames are handled in order: once this call is answered, the subscription is in place.
  ws.send(JSON.stringify({ type: 'call', id: 1, op: 'system.status', input: {} }));
  for (let i = 0; i < 200 && !frames.some((f) => f.text.includes('"result"')); i++)
    await new Promise((r) => setTimeout(r, 10));
  frames.length = 0;
  return { ws, frames };
}

describe('console event broadcast', () => {
  it('serialises an event once for all its clients and sends each the same text frame', async () => {
    const clients = [];
    for (let i = 0; i < 20; i++) clients.push(await subscribed('settings.changed'));
    const stringify = vi.spyOn(JSON, 'stringify');
    studio.events.emit('settings.changed', studio.settings.get());
    const eventFrames = stringify.mock.calls.filter(
      ([v]) => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'event',
    );
    stringify.mockRestore();
    expect(eventFrames).toHaveLength(1);
    for (let i = 0; i < 200 && clients.some((c) => c.frames.length === 0); i++)
      await new Promise((r) => setTimeout(r, 10));
    const expected = JSON.stringify({
      type: 'event',
      event: 'settings.changed',
      payload: studio.settings.get(),
    });
    for (const c of clients) {
      expect(c.frames).toEqual([{ text: expected, binary: false }]);
      c.ws.close();
    }
  });
});
