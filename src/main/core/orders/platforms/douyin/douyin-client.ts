import { PlatformError } from '../../platform-adapter';
import { parsePlatformJson } from '../../platform-json';
import { douyinError, douyinHttpError } from './douyin-errors';
import { API_VERSION, CODE_OK, methodPath, type DouyinTimestampFormat } from './douyin-protocol';
import { canonicalParamJson, douyinSign, type DouyinSignMethod } from './douyin-signing';
import { formatBeijingTime } from '../common/beijing-time';

export interface DouyinCallCredentials {
  appKey: string;
  appSecret: string;
  /** Absent for token calls. */
  accessToken?: string;
  signMethod: DouyinSignMethod;
  timestampFormat?: DouyinTimestampFormat;
}

/**
 * Calls one method: POST {gateway}/{method path}, common parameters in the query, the canonical
 * param_json as the body (byte-identical to what was signed). Returns `data` of a code-10000
 * answer or throws a typed PlatformError.
 */
export async function callDouyin(
  gateway: string,
  method: string,
  param: Record<string, unknown>,
  creds: DouyinCallCredentials,
  signal: AbortSignal,
  now: number = Date.now(),
): Promise<Record<string, unknown>> {
  const paramJson = canonicalParamJson(param);
  const timestamp =
    creds.timestampFormat === 'epoch' ? String(Math.floor(now / 1000)) : formatBeijingTime(now);
  const sign = douyinSign(
    { appKey: creds.appKey, method, paramJson, timestamp, v: API_VERSION },
    creds.appSecret,
    creds.signMethod,
  );
  const query = new URLSearchParams({
    app_key: creds.appKey,
    method,
    ...(creds.accessToken ? { access_token: creds.accessToken } : {}),
    timestamp,
    v: API_VERSION,
    sign_method: creds.signMethod,
    sign,
  });
  let res: Response;
  try {
    res = await fetch(`${gateway}${methodPath(method)}?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: paramJson,
      signal,
    });
  } catch (err) {
    throw new PlatformError('douyin', 'unreachable', `Douyin unreachable: ${(err as Error).message}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new PlatformError('douyin', 'unreachable', `Douyin response cut off: ${(err as Error).message}`);
  }
  if (res.status !== 200) throw douyinHttpError(res.status, res.headers.get('retry-after'));
  return douyinDataOf(readDouyinJson(text));
}

/** A Douyin answer's JSON, read losslessly (orders keep their source text); malformed → PlatformError. */
export function readDouyinJson(text: string): Record<string, unknown> {
  try {
    const parsed = parsePlatformJson(text, ['shop_order_list']);
    if (typeof parsed !== 'object' || parsed === null) throw new SyntaxError('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new PlatformError('douyin', 'malformed', `Douyin sent malformed JSON (${text.length} bytes)`);
  }
}

/** `data` of a code-10000 answer, or the typed PlatformError its code means. */
export function douyinDataOf(body: Record<string, unknown>): Record<string, unknown> {
  const code = Number(body.code);
  if (code !== CODE_OK)
    throw douyinError(code, String(body.sub_code ?? ''), String(body.sub_msg ?? body.msg ?? ''));
  const data = body.data;
  if (typeof data !== 'object' || data === null)
    throw new PlatformError('douyin', 'malformed', 'Douyin answer without data');
  return data as Record<string, unknown>;
}
