import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { PlatformError } from '../../platform-adapter';
import { isObject, parseLossless, type JsonObject } from './lossless-json';

/**
 * One POST of a signed form to a router-style gateway (JD routerjson, Taobao router/rest).
 * Transport failures become typed PlatformErrors here; the platform's own error body is left
 * to the caller, which knows that platform's codes.
 */
export async function postSignedForm(
  platform: SyncedPlatform,
  url: string,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<JsonObject> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
      signal,
    });
  } catch (err) {
    const why = signal.aborted ? 'timed out or was cancelled' : `network error: ${String(err)}`;
    throw new PlatformError(platform, 'unreachable', `${platform} gateway ${why}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new PlatformError(platform, 'unreachable', `${platform} response cut off: ${String(err)}`);
  }
  if (res.status === 429)
    throw new PlatformError(platform, 'throttled', `${platform} HTTP 429`, { httpStatus: 429 });
  if (res.status >= 500)
    throw new PlatformError(platform, 'server', `${platform} HTTP ${res.status}`, { httpStatus: res.status });
  if (res.status === 404)
    throw new PlatformError(platform, 'method_refused', `${platform} HTTP 404: no such gateway path`, {
      httpStatus: 404,
    });
  if (res.status !== 200)
    throw new PlatformError(platform, 'bad_request', `${platform} HTTP ${res.status}`, {
      httpStatus: res.status,
    });
  let body: unknown;
  try {
    body = parseLossless(text);
  } catch {
    throw new PlatformError(platform, 'malformed', `${platform} sent invalid JSON (${text.length} bytes)`);
  }
  if (!isObject(body)) throw new PlatformError(platform, 'malformed', `${platform} sent a non-object`);
  return body;
}
