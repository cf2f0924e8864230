import { PlatformError } from '../../platform-adapter';
import { parsePlatformJson } from '../../platform-json';
import { kuaishouError, kuaishouHttpError } from './kuaishou-errors';
import { methodPath, RESULT_OK } from './kuaishou-protocol';
import { kuaishouSign, type KuaishouHmacEncoding, type KuaishouSignMethod } from './kuaishou-signing';

export interface KuaishouCallCredentials {
  appKey: string;
  signSecret: string;
  accessToken: string;
  signMethod: KuaishouSignMethod;
  hmacEncoding?: KuaishouHmacEncoding;
}

/** POSTs a form and reads Kuaishou's JSON losslessly; network trouble becomes `unreachable`. */
export async function postForm(
  url: string,
  form: Record<string, string>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams(form).toString(),
      signal,
    });
  } catch (err) {
    throw new PlatformError('kuaishou', 'unreachable', `Kuaishou unreachable: ${(err as Error).message}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new PlatformError(
      'kuaishou',
      'unreachable',
      `Kuaishou response cut off: ${(err as Error).message}`,
    );
  }
  if (res.status !== 200) throw kuaishouHttpError(res.status, res.headers.get('retry-after'));
  return readKuaishouJson(text);
}

/** A Kuaishou answer's JSON, read losslessly (orders keep their source text); malformed → PlatformError. */
export function readKuaishouJson(text: string): Record<string, unknown> {
  try {
    const body = parsePlatformJson(text, ['orderList']);
    if (typeof body !== 'object' || body === null) throw new SyntaxError('not an object');
    return body as Record<string, unknown>;
  } catch {
    throw new PlatformError('kuaishou', 'malformed', `Kuaishou sent malformed JSON (${text.length} bytes)`);
  }
}

/** `data` of a `result = 1` answer, or the typed PlatformError its result code means. */
export function kuaishouDataOf(body: Record<string, unknown>): Record<string, unknown> {
  const result = Number(body.result);
  if (result !== RESULT_OK) throw kuaishouError(result, String(body.error_msg ?? body.msg ?? ''));
  const data = body.data;
  if (typeof data !== 'object' || data === null)
    throw new PlatformError('kuaishou', 'malformed', 'Kuaishou answer without data');
  return data as Record<string, unknown>;
}

/**
 * Calls one API method: common parameters, the signature over exactly the documented seven, form
 * body; returns `data` of a `result = 1` answer, or throws a typed PlatformError.
 */
export async function callKuaishou(
  gateway: string,
  method: string,
  param: Record<string, unknown>,
  creds: KuaishouCallCredentials,
  signal: AbortSignal,
  now: number = Date.now(),
): Promise<Record<string, unknown>> {
  const signed = {
    access_token: creds.accessToken,
    appkey: creds.appKey,
    method,
    param: JSON.stringify(param),
    signMethod: creds.signMethod,
    timestamp: String(now),
    version: '1',
  };
  const sign = kuaishouSign(signed, creds.signSecret, creds.hmacEncoding);
  return kuaishouDataOf(await postForm(`${gateway}${methodPath(method)}`, { ...signed, sign }, signal));
}
