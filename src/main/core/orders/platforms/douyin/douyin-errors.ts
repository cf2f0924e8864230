import { kindFromMessage } from '../../error-markers';
import { PlatformError } from '../../platform-adapter';
import { ERR } from './douyin-protocol';

/** A `code != 10000` answer → a typed error, by sub_code first (stable), then code. */
export function douyinError(code: number, subCode: string, message: string): PlatformError {
  const is = (e: { code: number; sub: string }) => subCode === e.sub || (subCode === '' && code === e.code);
  const kind: PlatformError['kind'] = is(ERR.sign)
    ? 'bad_signature'
    : is(ERR.tokenExpired) || is(ERR.tokenInvalid)
      ? 'token_expired'
      : is(ERR.noPermission)
        ? 'no_permission'
        : is(ERR.throttled)
          ? 'throttled'
          : is(ERR.param)
            ? 'bad_request'
            : (kindFromMessage(`${subCode} ${message}`) ?? 'server');
  return new PlatformError('douyin', kind, `Douyin ${code} ${subCode}: ${message}`, {
    platformCode: subCode || String(code),
  });
}

export function douyinHttpError(status: number, retryAfter: string | null): PlatformError {
  const retryAfterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
  const kind = status === 429 ? 'throttled' : status === 404 ? 'method_refused' : 'server';
  return new PlatformError('douyin', kind, `Douyin HTTP ${status}`, {
    httpStatus: status,
    retryAfterMs,
  });
}
