import { ApiFailure, type ErrorCode } from '@shared/api/errors';
import type { ObsReason } from '@shared/api/domains/obs';

/** Typed failures of a session with OBS; callers branch on `code`, never on message text. */
export type ObsErrorCode =
  | 'not_connected'
  | 'disconnected'
  | 'timeout'
  | 'request_failed'
  | 'connect_failed'
  | 'no_browser_source'
  | 'not_found';

export class ObsError extends Error {
  constructor(
    readonly code: ObsErrorCode,
    message: string,
    readonly detail: {
      /** obs-websocket RequestStatus code for `request_failed`. */
      status?: number;
      /** Why a connect failed, for `connect_failed`. */
      reason?: ObsReason;
      /** Whether retrying without the operator changing something can help. */
      permanent?: boolean;
      requestType?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ObsError';
  }
}

/** obs-websocket RequestStatus codes the studio acts on (protocol.md, enum RequestStatus). */
export const RequestStatus = {
  OutputRunning: 500,
  OutputNotRunning: 501,
  OutputPaused: 502,
  OutputNotPaused: 503,
  StudioModeActive: 505,
  StudioModeNotActive: 506,
  ResourceNotFound: 600,
  ResourceAlreadyExists: 601,
} as const;

/** obs-websocket WebSocketCloseCode values that no retry can fix. */
export const CloseCode = { AuthenticationFailed: 4009, UnsupportedRpcVersion: 4010 } as const;

const conflictStatuses = new Set<number>([
  RequestStatus.OutputRunning,
  RequestStatus.OutputNotRunning,
  RequestStatus.OutputPaused,
  RequestStatus.OutputNotPaused,
  RequestStatus.StudioModeActive,
  RequestStatus.StudioModeNotActive,
]);

/** Translates a session failure into the API's typed error with an `obs:` i18n key. */
export function toApiFailure(err: unknown, instanceName: string): ApiFailure {
  if (err instanceof ApiFailure) return err;
  if (!(err instanceof ObsError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new ApiFailure('internal', message);
  }
  const params = { name: instanceName };
  const map: Record<ObsErrorCode, [ErrorCode, string]> = {
    not_connected: ['unavailable', 'obs:errors.notConnected'],
    disconnected: ['unavailable', 'obs:errors.disconnected'],
    timeout: ['timeout', 'obs:errors.timeout'],
    request_failed: ['unavailable', 'obs:errors.requestFailed'],
    connect_failed: ['unavailable', `obs:reason.${err.detail.reason ?? 'error'}`],
    no_browser_source: ['unavailable', 'obs:errors.noBrowserSource'],
    not_found: ['not_found', 'obs:errors.notFoundInObs'],
  };
  let [code, key] = map[err.code];
  if (err.code === 'request_failed') {
    if (err.detail.status === RequestStatus.ResourceNotFound)
      [code, key] = ['not_found', 'obs:errors.notFoundInObs'];
    else if (err.detail.status === RequestStatus.StudioModeNotActive)
      [code, key] = ['conflict', 'obs:errors.studioModeOff'];
    else if (err.detail.status !== undefined && conflictStatuses.has(err.detail.status))
      [code, key] = ['conflict', 'obs:errors.outputState'];
  }
  // OBS refused the password: the OBS settings are wrong. Never 401, which is the console's own
  // token (a client seeing 401 drops its session and asks for a new console link).
  if (err.code === 'connect_failed' && err.detail.reason === 'auth_failed') code = 'bad_request';
  return new ApiFailure(code, `${instanceName}: ${err.message}`, {
    key,
    params: { ...params, detail: err.message },
  });
}
