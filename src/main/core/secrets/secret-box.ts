import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Seals secrets (OBS passwords, platform app secrets) before they reach the database. */
export interface SecretBox {
  readonly scheme: 'safe-storage' | 'key-file';
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

export const SECRET_KEY_FILE = 'secret.key';
export const SECRET_KEY_ENV = 'SHELFCAST_SECRET_KEY';

/**
 * The headless console's store: AES-256-GCM with a 32-byte key taken from
 * `SHELFCAST_SECRET_KEY` (base64) when set, otherwise from `<dataDir>/secret.key`
 * (created with mode 0600). It keeps secrets out of database copies and backups;
 * it does not protect against someone who can read the key file as your user.
 */
export class KeyFileSecretBox implements SecretBox {
  readonly scheme = 'key-file' as const;
  private readonly key: Buffer;

  constructor(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
    this.key = loadKey(dataDir, env);
  }

  seal(plain: string): Buffer {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] !== 1 || sealed.length < 29) throw new Error('Unknown sealed secret format');
    const iv = sealed.subarray(1, 13);
    const tag = sealed.subarray(13, 29);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
  }
}

function loadKey(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error(`${SECRET_KEY_ENV} must be 32 bytes, base64-encoded`);
    return key;
  }
  const file = path.join(dataDir, SECRET_KEY_FILE);
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}
