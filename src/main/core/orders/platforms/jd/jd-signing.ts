import { createHash } from 'node:crypto';
import { byteOrder } from '../router-gateway/byte-order';

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

export function jdSign(params: Record<string, string>, appSecret: string): string {
  return createHash('md5').update(jdSigningString(params, appSecret), 'utf8').digest('hex').toUpperCase();
}
