import { createHash, createHmac } from 'node:crypto';

export type DouyinSignMethod = 'md5' | 'hmac-sha256';

/**
 * `param_json` as Douyin signs it: keys sorted at every level, no whitespace, integers without
 * `.0`. The request body must be exactly this text.
 */
export function canonicalParamJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalParamJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalParamJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new TypeError('param_json: not a finite number');
  return JSON.stringify(value);
}

export interface DouyinSignInput {
  appKey: string;
  method: string;
  paramJson: string;
  timestamp: string;
  v: string;
}

/** `secret + "app_key"+k + "method"+m + "param_json"+json + "timestamp"+ts + "v"+v + secret`. */
export function douyinSignBase(p: DouyinSignInput, appSecret: string): string {
  return `${appSecret}app_key${p.appKey}method${p.method}param_json${p.paramJson}timestamp${p.timestamp}v${p.v}${appSecret}`;
}

/** md5 → lowercase hex; hmac-sha256 (key = app secret) over the same wrapped string → lowercase hex. */
export function douyinSign(p: DouyinSignInput, appSecret: string, method: DouyinSignMethod): string {
  const base = douyinSignBase(p, appSecret);
  if (method === 'md5') return createHash('md5').update(base, 'utf8').digest('hex');
  if (method === 'hmac-sha256') return createHmac('sha256', appSecret).update(base, 'utf8').digest('hex');
  throw new Error(`unknown Douyin sign_method ${String(method)}`);
}
