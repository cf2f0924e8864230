import { useState } from 'react';
import type { ApiError, Result } from '@shared/api/errors';

/**
 * Runs API calls for a panel: remembers the last typed error and whether a call is running, the
 * state every form and panel used to keep by hand. `setError` shows a check made before calling
 * (or clears the error when the operator dismisses it).
 */
export function useAction() {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = async <T>(call: () => Promise<Result<T>>): Promise<T | undefined> => {
    setBusy(true);
    try {
      const r = await call();
      setError(r.ok ? undefined : r.error);
      return r.ok ? r.value : undefined;
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}
