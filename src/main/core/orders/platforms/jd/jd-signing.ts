import { createHash, createHmac } from 'node:crypto';
import { byteOrder } from '../common/byte-order';

/**
 * JD JOS request signing (confidence M): MD5 over
 *   appSecret + k1v1 + k2v2 + … + appSecret
 * with every parameter except `sign`, sorted by key (byte order), empty values skipped;
 * UTF-8 bytes; UPPERCASE hex.
 */
export function jdSigningString(params: Record<string, string>, appSecret: string): string {
  const body = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort(byteOrder)
    .map((k) => k + params[k])
    .join('');
  return appSecret + body + appSecret;
}

/** `sign_method` values (H): md5 wraps the string in the secret; the HMACs key it with the secret. */
export type JdSignMethod = 'md5' | 'hmacmd5' | 'hmacsha256';

export function jdSign(
  params: Record<string, string>,
  appSecret: string,
  method: JdSignMethod = 'md5',
): string {
  if (method === 'md5')
    return createHash('md5').update(jdSigningString(params, appSecret), 'utf8').digest('hex').toUpperCase();
  const body = jdSigningString(params, '');
  return createHmac(method === 'hmacmd5' ? 'md5' : 'sha256', appSecret)
    .update(body, 'utf8')
    .digest('hex')
    .toUpperCase();
}
