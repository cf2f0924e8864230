import { useState } from 'react';
import type { ApiError } from '@shared/api/errors';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { useApi, useOnConnected, useStudioEvent } from '../api/studio-api';

/** The overlay state, live: loaded on (re)connect, then replaced by every `overlays.stateChanged`. */
export function useOverlayState(): {
  state: OverlayState | null;
  error: ApiError | null;
  /**
   * Runs an overlay operation; its typed error (if any) is shown by the page, or handed to
   * `onError` (null on success) by a part of the page that shows it where it was made.
   */
  run: (
    call: () => Promise<{ ok: true; value: OverlayState } | { ok: false; error: ApiError }>,
    opts?: { onError?: (error: ApiError | null) => void },
  ) => Promise<void>;
} {
  const api = useApi();
  const [state, setState] = useState<OverlayState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const accept = (s: OverlayState) => setState((prev) => (prev && prev.rev > s.rev ? prev : s));
  useOnConnected(() => {
    void api.overlays.state().then((r) => (r.ok ? accept(r.value) : setError(r.error)));
  });
  useStudioEvent('overlays.stateChanged', accept);
  const run = async (
    call: () => Promise<{ ok: true; value: OverlayState } | { ok: false; error: ApiError }>,
    opts?: { onError?: (error: ApiError | null) => void },
  ) => {
    const r = await call();
    if (r.ok) {
      accept(r.value);
      setError(null);
      opts?.onError?.(null);
    } else if (opts?.onError) opts.onError(r.error);
    else setError(r.error);
  };
  return { state, error, run };
}
