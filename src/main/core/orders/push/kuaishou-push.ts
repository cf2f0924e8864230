import { createDecipheriv } from 'node:crypto';
import { idField, isObject, optionalStringField, parseLossless } from '../platforms/common/lossless-json';
import { PushRejected, type RefetchRequest } from './push-event';

/**
 * How the console's message key is written: Base64 of the raw AES key (?: what the console shows
 * is a 24/44-character string, which we read as Base64), or the key's UTF-8 bytes as is.
 */
export type KuaishouKeyEncoding = 'base64' | 'utf8';
export const KUAISHOU_DEFAULT_KEY_ENCODING: KuaishouKeyEncoding = 'base64';

/** The reply Kuaishou expects within 3000 ms; anything else is retried at 5/10/20/30/60 min. */
export const KUAISHOU_ACK = '{"result":1}';

export function kuaishouKeyBytes(key: string, encoding: KuaishouKeyEncoding): Buffer {
  const bytes = encoding === 'base64' ? Buffer.from(key, 'base64') : Buffer.from(key, 'utf8');
  if (![16, 24, 32].includes(bytes.length))
    throw new Error(`Kuaishou push key must be 16, 24 or 32 bytes (got ${bytes.length})`);
  return bytes;
}

/**
 * Decrypts a Kuaishou push body: Base64 → AES/CBC/PKCS5Padding, all-zero IV. There is no signature
 * header: a body that does not decrypt to JSON under the shop's key is not from Kuaishou.
 */
export function decryptKuaishouPush(body: string, key: Buffer): string {
  const text = body.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new PushRejected('bad_ciphertext', 'Kuaishou push body is not Base64');
  const data = Buffer.from(text, 'base64');
  if (data.length === 0 || data.length % 16 !== 0)
    throw new PushRejected('bad_ciphertext', 'Kuaishou push body is not whole AES blocks');
  try {
    const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, Buffer.alloc(16));
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new PushRejected('bad_ciphertext', 'Kuaishou push body does not decrypt under this key');
  }
}

/**
 * The message → a re-fetch. `bizId` is the order id for order events; after-sales events carry the
 * order in `info.oid` too, which wins when present (bizId may be the refund id there).
 */
export function parseKuaishouPush(plain: string, shopId: string): RefetchRequest {
  let msg: unknown;
  try {
    msg = parseLossless(plain);
  } catch {
    throw new PushRejected('bad_ciphertext', 'Kuaishou push did not decrypt to JSON');
  }
  if (!isObject(msg)) throw new PushRejected('bad_body', 'Kuaishou push is not an object');
  try {
    const eventId = idField(msg, 'eventId');
    let orderId = idField(msg, 'bizId');
    const info = optionalStringField(msg, 'info');
    if (info !== undefined) {
      const parsed = parseLossless(info);
      if (isObject(parsed) && parsed['oid'] !== undefined) orderId = idField(parsed, 'oid');
    }
    return { platform: 'kuaishou', shopId, orderId, eventId, event: optionalStringField(msg, 'event') ?? '' };
  } catch (err) {
    if (err instanceof PushRejected) throw err;
    throw new PushRejected('bad_body', `Kuaishou push: ${(err as Error).message}`);
  }
}
