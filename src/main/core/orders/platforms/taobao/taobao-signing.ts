import { createHash, createHmac } from 'node:crypto';
import { byteOrder } from '../common/byte-order';

export type TaobaoSignMethod = 'md5' | 'hmac';

/**
 * Whether empty values take part in the signature. The official TOP SDKs skip a parameter whose
 * key or value is empty (M); the platform doc only says "all parameters except sign" (?).
 */
export const TAOBAO_SIGN_SKIPS_EMPTY = true;

/**
 * Taobao TOP request signing (H/M): every parameter except `sign` (session included), sorted by
 * key, concatenated as k1v1k2v2…; md5 → MD5(secret + that + secret); hmac → HMAC-MD5 keyed
 * with the secret over that alone. UTF-8 bytes; UPPERCASE hex.
 */
export function taobaoSigningString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && (!TAOBAO_SIGN_SKIPS_EMPTY || params[k] !== ''))
    .sort(byteOrder)
    .map((k) => k + params[k])
    .join('');
}

export function taobaoSign(
  params: Record<string, string>,
  appSecret: string,
  method: TaobaoSignMethod,
): string {
  const text = taobaoSigningString(params);
  const digest =
    method === 'md5'
      ? createHash('md5').update(appSecret + text + appSecret, 'utf8')
      : createHmac('md5', Buffer.from(appSecret, 'utf8')).update(text, 'utf8');
  return digest.digest('hex').toUpperCase();
}
