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

/** Where a key-file box's key comes from, for messages: the environment variable or the file. */
export type KeySource = { kind: 'env'; name: string } | { kind: 'file'; file: string };

/**
 * The headless console's store: AES-256-GCM with a 32-byte key taken from
 * `SHELFCAST_SECRET_KEY` (base64) when set, otherwise from `<dataDir>/secret.key` (mode 0600).
 * It keeps secrets out of database copies and backups; it does not protect against someone who
 * can read the key file as your user.
 *
 * A missing key file is made only when something is sealed (or the studio finds no sealed
 * secret that would need the old one, see Studio), and never over an existing file: a lost key
 * is reported, not silently replaced.
 */
export class KeyFileSecretBox implements SecretBox {
  readonly scheme = 'key-file' as const;
  readonly source: KeySource;
  private key: Buffer | undefined;

  /** `env` is what the entry point read from the environment (the core never reads process.env). */
  constructor(dataDir: string, env: Readonly<Record<string, string | undefined>> = {}) {
    const fromEnv = env[SECRET_KEY_ENV];
    if (fromEnv) {
      this.source = { kind: 'env', name: SECRET_KEY_ENV };
      const key = Buffer.from(fromEnv, 'base64');
      if (key.length !== 32) throw new Error(`${SECRET_KEY_ENV} must be 32 bytes, base64-encoded`);
      this.key = key;
      return;
    }
    const file = path.join(dataDir, SECRET_KEY_FILE);
    this.source = { kind: 'file', file };
    if (fs.existsSync(file)) {
      const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
      this.key = key;
    }
  }

  /** False when the key file is missing (and SHELFCAST_SECRET_KEY unset). */
  get hasKey(): boolean {
    return this.key !== undefined;
  }

  /** Makes the key file when there is none; never replaces an existing file (`wx`). */
  ensureKey(): Buffer {
    if (this.key) return this.key;
    if (this.source.kind !== 'file') throw new Error('unreachable: an environment key is always loaded');
    const key = crypto.randomBytes(32);
    fs.writeFileSync(this.source.file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    this.key = key;
    return key;
  }

  seal(plain: string): Buffer {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.ensureKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (!this.key) throw new Error(`No secret key: ${describeSource(this.source)} is missing`);
    if (sealed[0] !== 1 || sealed.length < 29) throw new Error('Unknown sealed secret format');
    const iv = sealed.subarray(1, 13);
    const tag = sealed.subarray(13, 29);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
  }
}

export const describeSource = (source: KeySource): string =>
  source.kind === 'env' ? source.name : source.file;
