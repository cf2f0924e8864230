import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../core/db/migration';
import { migrations } from '../core/db/migrations';
import { backupDatabase } from '../core/db/open-database';
import { Studio } from '../core/studio';
import { AccessTokens, hashToken } from './access-token';
import { OperatorServer } from './operator-server';

const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
const running: Studio[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function startStudio(dataDir: string) {
  const staticDir = tmp('shelfcast-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const studio = new Studio({ dataDir, mode: 'headless' });
  const server = new OperatorServer(studio, { staticDir, port: 0 });
  studio.addService(server);
  await studio.start();
  running.push(studio);
  return { studio, server, launch: new URL(server.localUrl).searchParams.get('token')! };
}

function request(port: number, pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method, headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

const api = (port: number, op: string, token: string) =>
  request(port, `/api/v1/${op}`, { Authorization: `Bearer ${token}` }, 'POST').then((r) => r.status);

/** Every file of the data directory, database, WAL and backups included, as one buffer. */
function everyByte(dir: string): Buffer {
  const out: Buffer[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(out);
}

describe('console tokens at rest', () => {
  it('keeps no token in the database, its WAL or its backups; each is shown once', async () => {
    const dataDir = tmp('shelfcast-rest-');
    const { studio, server, launch } = await startStudio(dataDir);
    const link = await studio.call('access.createRoleLink', { role: 'guest', label: '阿依古丽' });
    const linkToken = new URL(link.url).searchParams.get('token')!;
    expect(linkToken.length).toBeGreaterThan(20);
    // Listed afterwards without its URL: only the hash is left to show.
    expect((await studio.call('access.roleLinks', {})).map((l) => l.url)).toEqual(['']);
    const rotated = await studio.call('access.rotateToken', {});
    const operatorToken = rotated.token!;
    expect(operatorToken.length).toBeGreaterThan(20);
    expect((await studio.call('access.access', {})).token).toBeUndefined();
    const newLaunch = new URL(rotated.urls[0]!).searchParams.get('token')!;
    const opened = await request(server.port, `/?token=${newLaunch}`);
    const session = decodeURIComponent(/=([^;]+)/.exec(String(opened.headers['set-cookie']))![1]!);
    expect(await api(server.port, 'system.info', operatorToken)).toBe(200);
    expect(await api(server.port, 'access.whoami', linkToken)).toBe(200);
    await backupDatabase(studio.database.db, dataDir);

    const bytes = everyByte(dataDir);
    for (const secret of [launch, newLaunch, linkToken, operatorToken, session]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // The hashes are there: that is what a token is checked against.
    expect(bytes.includes(hashToken(operatorToken))).toBe(true);
    const columns = studio.database.db
      .prepare<[], { name: string }>('PRAGMA table_info(console_access)')
      .all();
    expect(columns.map((c) => c.name)).not.toContain('token');
  });

  it('the printed launch link opens a session that survives a restart; the launch code does not', async () => {
    const dataDir = tmp('shelfcast-rest-');
    const first = await startStudio(dataDir);
    const opened = await request(first.server.port, `/?token=${first.launch}`);
    expect(opened.status).toBe(303);
    const cookie = String(opened.headers['set-cookie']).split(';')[0]!;
    expect(cookie).not.toContain(first.launch);
    // The launch code also works as a bearer token for this run (scripts, the e2e harness).
    expect(await api(first.server.port, 'system.info', first.launch)).toBe(200);
    const port = first.server.port;
    await first.studio.stop();
    running.length = 0;

    const staticDir = tmp('shelfcast-static-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const studio = new Studio({ dataDir, mode: 'headless' });
    const server = new OperatorServer(studio, { staticDir, port });
    studio.addService(server);
    await studio.start();
    running.push(studio);
    const cookieName = cookie.split('=')[0]!;
    expect(cookieName).toBe(`shelfcast_token_${port}`);
    expect((await request(port, '/', { Cookie: cookie })).status).toBe(200);
    expect(await api(port, 'system.info', first.launch)).toBe(401);
    expect(server.localUrl).not.toContain(first.launch);

    // Replacing the operator token ends the sessions opened from launch links.
    await studio.call('access.rotateToken', {});
    expect((await request(port, '/', { Cookie: cookie })).status).toBe(401);
  });

  it('migration 0600 hashes the plaintext tokens of an existing database, which keep working', () => {
    const dir = tmp('shelfcast-mig-');
    const file = path.join(dir, 'shelfcast.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(
      db,
      migrations.filter((m) => m.version < 600),
    );
    const insert = db.prepare(
      `INSERT INTO console_access (role, label, token, token_hash, is_primary, created_at) VALUES (?, ?, ?, ?, ?, 1)`,
    );
    const plainOperator = 'plaintext-operator-token-0123456789';
    const plainGuest = 'plaintext-guest-token-0123456789abc';
    insert.run('operator', '', plainOperator, hashToken(plainOperator), 1);
    insert.run('guest', '王老师', plainGuest, hashToken(plainGuest), 0);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(file).includes(Buffer.from(plainGuest))).toBe(true);

    migrate(db, migrations);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const tokens = new AccessTokens(db);
    expect(tokens.lookup(plainOperator)).toMatchObject({ role: 'operator', primary: true });
    expect(tokens.lookup(plainGuest)).toMatchObject({ role: 'guest', label: '王老师' });
    expect(tokens.links()).toHaveLength(1);
    db.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(plainOperator))).toBe(false);
    expect(bytes.includes(Buffer.from(plainGuest))).toBe(false);
  });

  it('keeps a bounded number of sessions per grant', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const tokens = new AccessTokens(db);
    const primary = tokens.primary();
    const sessions = Array.from({ length: 30 }, () => tokens.openSession(primary).token);
    expect(tokens.lookup(sessions[0])).toBeUndefined();
    expect(tokens.lookup(sessions.at(-1))).toMatchObject({ role: 'operator', parentId: primary.id });
    expect(db.prepare('SELECT count(*) AS n FROM console_access WHERE parent_id IS NOT NULL').get()).toEqual({
      n: 20,
    });
  });
});
