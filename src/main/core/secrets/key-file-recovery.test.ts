import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '@shared/api/errors';
import { Studio } from '../studio';
import { environmentOptions } from '../studio-options';
import { KeyFileSecretBox, SECRET_KEY_ENV, SECRET_KEY_FILE } from './secret-box';

const dirs: string[] = [];
const running: Studio[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-key-'));
  dirs.push(d);
  return d;
};

async function start(dataDir: string, env: NodeJS.ProcessEnv = {}) {
  const studio = new Studio({ dataDir, mode: 'headless', secretBox: new KeyFileSecretBox(dataDir, env) });
  await studio.start();
  running.push(studio);
  return studio;
}

async function stop(studio: Studio) {
  await studio.stop();
  running.splice(running.indexOf(studio), 1);
}

/** A studio that sealed two secrets, then stopped. */
async function withSealedSecrets(env: NodeJS.ProcessEnv = {}) {
  const dir = tmp();
  const first = await start(dir, env);
  first.secrets.set('obs:1', 'obs-password');
  first.secrets.set('shop:1:appSecret', 'app-secret');
  expect(first.status.get('secrets')).toMatchObject({ state: 'ok' });
  await stop(first);
  return dir;
}

const keyFile = (dir: string) => path.join(dir, SECRET_KEY_FILE);
const errors = (studio: Studio) => studio.logs.recent(100, 'error', 'secrets').map((l) => l.message);

describe('secret key file', () => {
  it('missing key with sealed secrets: says so, makes no key, and the restored key brings them back', async () => {
    const dir = await withSealedSecrets();
    const saved = fs.readFileSync(keyFile(dir));
    fs.rmSync(keyFile(dir));

    const studio = await start(dir);
    expect(studio.status.get('secrets')).toMatchObject({
      state: 'error',
      detailKey: 'access.secretKeyMissing',
      params: { file: keyFile(dir), count: 2 },
    });
    expect(errors(studio).join('\n')).toMatch(/key file is missing.*no new key was made/);
    expect(fs.existsSync(keyFile(dir))).toBe(false);
    expect(() => studio.secrets.get('obs:1')).toThrow(ApiFailure);
    expect(() => studio.secrets.get('obs:1')).toThrow(/missing or wrong/);
    await stop(studio);

    // The way back, first kind: the right key file again.
    fs.writeFileSync(keyFile(dir), saved, { mode: 0o600 });
    const again = await start(dir);
    expect(again.status.get('secrets')).toMatchObject({ state: 'ok', detailKey: 'access.secretKeyOk' });
    expect(again.secrets.get('obs:1')).toBe('obs-password');
  });

  it('missing key: entering a secret again makes a new key and clears the ones that cannot open', async () => {
    const dir = await withSealedSecrets();
    fs.rmSync(keyFile(dir));
    const studio = await start(dir);
    studio.secrets.set('obs:1', 'new-obs-password');
    expect(fs.existsSync(keyFile(dir))).toBe(true);
    expect(studio.secrets.get('obs:1')).toBe('new-obs-password');
    // The other one could never open with the new key: it is cleared, and the status says so.
    expect(studio.secrets.get('shop:1:appSecret')).toBeUndefined();
    expect(studio.status.get('secrets')).toMatchObject({
      state: 'warning',
      detailKey: 'access.secretsCleared',
      params: { count: 1 },
    });
    await stop(studio);
    const next = await start(dir);
    expect(next.status.get('secrets')).toMatchObject({ state: 'ok' });
    expect(next.secrets.get('obs:1')).toBe('new-obs-password');
  });

  it('wrong key file: reports it and never overwrites it', async () => {
    const dir = await withSealedSecrets();
    const other = crypto.randomBytes(32).toString('base64');
    fs.writeFileSync(keyFile(dir), other, { mode: 0o600 });
    const studio = await start(dir);
    expect(studio.status.get('secrets')).toMatchObject({
      state: 'error',
      detailKey: 'access.secretKeyWrong',
      params: { source: keyFile(dir), count: 2 },
    });
    expect(errors(studio).join('\n')).toMatch(/does not open the sealed secrets/);
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe(other);
    await stop(studio);
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe(other);
  });

  it(`wrong ${SECRET_KEY_ENV}: reports the variable as the source`, async () => {
    const key = crypto.randomBytes(32).toString('base64');
    const dir = await withSealedSecrets({ [SECRET_KEY_ENV]: key });
    const studio = await start(dir, { [SECRET_KEY_ENV]: crypto.randomBytes(32).toString('base64') });
    expect(studio.status.get('secrets')).toMatchObject({
      state: 'error',
      detailKey: 'access.secretKeyWrong',
      params: { source: SECRET_KEY_ENV, count: 2 },
    });
    expect(fs.existsSync(keyFile(dir))).toBe(false);
  });

  it.runIf(process.platform !== 'win32')(
    'warns about a key file readable by others and makes it private',
    async () => {
      const dir = await withSealedSecrets();
      fs.chmodSync(keyFile(dir), 0o644);
      const studio = await start(dir);
      expect(studio.status.get('secrets')).toMatchObject({
        state: 'warning',
        detailKey: 'access.secretKeyReadable',
        params: { file: keyFile(dir), mode: '0644' },
      });
      expect(fs.statSync(keyFile(dir)).mode & 0o077).toBe(0);
      expect(studio.secrets.get('obs:1')).toBe('obs-password');
    },
  );

  it('with no sealed secret, a missing key is simply made', async () => {
    const dir = tmp();
    const studio = await start(dir);
    expect(fs.existsSync(keyFile(dir))).toBe(true);
    expect(studio.status.get('secrets')).toMatchObject({ state: 'ok' });
  });

  it("takes the key the entry point read (StudioOptions.secretKey), never the process's environment", async () => {
    const key = crypto.randomBytes(32).toString('base64');
    vi.stubEnv(SECRET_KEY_ENV, key);
    try {
      // A studio given no key uses its key file, whatever the process's environment holds.
      const plain = new Studio({ dataDir: tmp(), mode: 'headless' });
      await plain.start();
      running.push(plain);
      expect(plain.status.get('secrets')).toMatchObject({
        state: 'ok',
        params: { source: expect.stringContaining(SECRET_KEY_FILE) },
      });
      // The entry point reads the variable once and hands it on.
      const options = environmentOptions(process.env, []);
      expect(options.secretKey).toBe(key);
      const dir = tmp();
      const keyed = new Studio({ dataDir: dir, mode: 'headless', ...options });
      await keyed.start();
      running.push(keyed);
      expect(keyed.status.get('secrets')).toMatchObject({ state: 'ok', params: { source: SECRET_KEY_ENV } });
      keyed.secrets.set('obs:1', 'pw');
      expect(fs.existsSync(keyFile(dir))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
