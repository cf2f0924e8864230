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
