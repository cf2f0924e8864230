import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '@shared/api/errors';
import { migrations } from '../db/migrations';
import { openDatabase } from '../db/open-database';
import { LogHub } from '../logging/log-hub';
import { KeyFileSecretBox, SECRET_KEY_FILE, type SecretBox } from './secret-box';
import { SecretStore } from './secret-store';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-secret-'));

describe('secrets', () => {
  it('seal and open round-trip, with a private key file', () => {
    const dir = tmp();
    const box = new KeyFileSecretBox(dir, {});
    const sealed = box.seal('obs-密码');
    expect(sealed.toString('utf8')).not.toContain('obs');
    expect(new KeyFileSecretBox(dir, {}).open(sealed)).toBe('obs-密码');
    expect(fs.statSync(path.join(dir, SECRET_KEY_FILE)).mode & 0o077).toBe(0);
  });

  it('detects tampering', () => {
    const box = new KeyFileSecretBox(tmp(), {});
    const sealed = box.seal('secret');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => box.open(sealed)).toThrow();
  });

  it('takes the key from SHELFCAST_SECRET_KEY when set, and validates it', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const a = new KeyFileSecretBox(tmp(), { SHELFCAST_SECRET_KEY: key });
    const b = new KeyFileSecretBox(tmp(), { SHELFCAST_SECRET_KEY: key });
    expect(b.open(a.seal('x'))).toBe('x');
    expect(() => new KeyFileSecretBox(tmp(), { SHELFCAST_SECRET_KEY: 'short' })).toThrow(/32 bytes/);
  });

  it('stores sealed values and reports a secret sealed by the other shell as a typed error', () => {
    const dir = tmp();
    const { db } = openDatabase(':memory:', migrations, new LogHub().logger('t'));
    const store = new SecretStore(db, new KeyFileSecretBox(dir, {}));
    store.set('obs:main', 'hunter2');
    expect(store.get('obs:main')).toBe('hunter2');
    const raw = db.prepare<[], { sealed: Buffer }>('SELECT sealed FROM secret').get()!;
    expect(raw.sealed.includes(Buffer.from('hunter2'))).toBe(false);

    const keychain: SecretBox = {
      scheme: 'safe-storage',
      seal: (p) => Buffer.from(p),
      open: (b) => b.toString(),
    };
    new SecretStore(db, keychain).set('shop:1', 'from-desktop');
    expect(() => store.get('shop:1')).toThrow(ApiFailure);
    expect(store.get('missing')).toBeUndefined();
  });
});
