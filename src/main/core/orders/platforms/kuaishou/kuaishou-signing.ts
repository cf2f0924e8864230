import { createHash, createHmac } from 'node:crypto';

/** `signMethod` values Kuaishou accepts. */
export type KuaishouSignMethod = 'MD5' | 'HMAC_SHA256';

/**
 * How the HMAC_SHA256 digest is written: Base64 per the official Java SDK (default); one
 * third-party SDK writes hex. The docs conflict, so it is a setting, pinned by tests.
 */
export type KuaishouHmacEncoding = 'base64' | 'hex';

/** Exactly these parameters are signed, in this (sorted) order. */
export const KUAISHOU_SIGNED_PARAMS = [
  'access_token',
  'appkey',
  'method',
  'param',
  'signMethod',
  'timestamp',
  'version',
] as const;

export type KuaishouSignedParams = Record<(typeof KUAISHOU_SIGNED_PARAMS)[number], string>;

/** The string that is signed: sorted `k=v` pairs with raw (not URL-encoded) values, then `&signSecret=…`. */
export function kuaishouSignBase(params: KuaishouSignedParams, signSecret: string): string {
  const pairs = KUAISHOU_SIGNED_PARAMS.map((k) => `${k}=${params[k]}`);
  return `${pairs.join('&')}&signSecret=${signSecret}`;
}

/** Signs a request: MD5 → lowercase hex; HMAC_SHA256 (key = signSecret) → Base64 or hex. */
export function kuaishouSign(
  params: KuaishouSignedParams,
  signSecret: string,
  hmacEncoding: KuaishouHmacEncoding = 'base64',
): string {
  const base = kuaishouSignBase(params, signSecret);
  if (params.signMethod === 'MD5') return createHash('md5').update(base, 'utf8').digest('hex');
  if (params.signMethod === 'HMAC_SHA256')
    return createHmac('sha256', signSecret).update(base, 'utf8').digest(hmacEncoding);
  throw new Error(`unknown Kuaishou signMethod ${params.signMethod}`);
}
