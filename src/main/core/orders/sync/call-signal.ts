/**
 * The signal of one platform call: aborts when `parent` aborts (the sync stopped) or after
 * `timeoutMs`, and leaves nothing behind on `parent` once disposed.
 *
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])` is not used on purpose: Node registers every
 * composed signal with a FinalizationRegistry keyed on each source signal, so a long-lived parent
 * (a shop's sync loop runs for the whole show) keeps a cell and two WeakRefs per call until the
 * parent itself is collected: about 1,000 objects a minute with the demo's two shops, without end.
 * Here the parent holds one listener while the call runs, removed when the call ends.
 */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** The call ran out of time (as opposed to being stopped). */
  readonly timedOut: boolean;
  /** Removes the listener on the parent and the timer; call it when the call has ended. */
  dispose(): void;
}

export function callSignal(parent: AbortSignal, timeoutMs: number): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(parent.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`call timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  timer.unref?.();
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
