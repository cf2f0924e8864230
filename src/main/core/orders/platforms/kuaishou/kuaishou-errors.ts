import { kindFromMessage } from '../../error-markers';
import { PlatformError } from '../../platform-adapter';
import {
  ERR_NO_PERMISSION,
  ERR_PARAM,
  ERR_SIGN,
  ERR_THROTTLED,
  ERR_TOKEN_EXPIRED,
  ERR_TOKEN_INVALID,
  ERR_TOO_OLD,
  ERR_WINDOW_TOO_LONG,
  THROTTLE_MARKERS,
} from './kuaishou-protocol';

/** A `result != 1` answer → a typed error. Throttling is told by its documented message markers. */
export function kuaishouError(result: number, message: string): PlatformError {
  const kind = (): PlatformError['kind'] => {
    if (result === ERR_THROTTLED || THROTTLE_MARKERS.some((m) => message.includes(m))) return 'throttled';
    switch (result) {
      case ERR_SIGN:
        return 'bad_signature';
      case ERR_TOKEN_EXPIRED:
      case ERR_TOKEN_INVALID:
        return 'token_expired';
      case ERR_NO_PERMISSION:
        return 'no_permission';
      case ERR_WINDOW_TOO_LONG:
      case ERR_TOO_OLD:
      case ERR_PARAM:
        return 'bad_request';
      default:
        // Kuaishou's codes are not confirmed: an unknown one is read by what its message says.
        return kindFromMessage(message) ?? 'server';
    }
  };
  return new PlatformError('kuaishou', kind(), `Kuaishou result ${result}: ${message}`, {
    platformCode: String(result),
  });
}

/** An HTTP-level failure (no JSON answer): 429 throttled, 5xx server. */
export function kuaishouHttpError(status: number, retryAfter: string | null): PlatformError {
  const retryAfterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
  const kind = status === 429 ? 'throttled' : status === 404 ? 'method_refused' : 'server';
  return new PlatformError('kuaishou', kind, `Kuaishou HTTP ${status}`, {
    httpStatus: status,
    retryAfterMs,
  });
}

/** An answer that names the app secret (`app_secret invalid`, `invalid client secret`, `密钥错误`). */
const NAMES_APP_SECRET =
  /(app_?secret|client_?secret|secret)[^,;.]*(invalid|illegal|wrong|error|mismatch|not match)|密钥[^，。]*(错误|无效|不正确|不匹配)/i;

/**
 * A refused `/oauth2/refresh_token` answer → a typed error. That call carries no signature: it
 * sends app_id, app_secret and the refresh token, so a "sign" refusal (the code order calls use for
 * a wrong secret) or a message naming the secret means the app secret is wrong, not our signing;
 * a dead refresh token means authorizing again. Throttling and unknown codes read as for any call.
 */
export function kuaishouRefreshError(result: number, message: string): PlatformError {
  const any = kuaishouError(result, message);
  if (any.kind === 'throttled') return any;
  if (result === ERR_SIGN || NAMES_APP_SECRET.test(message))
    return new PlatformError(
      'kuaishou',
      'bad_app_secret',
      `Kuaishou token refresh: ${any.message}`,
      any.detail,
    );
  return any;
}
