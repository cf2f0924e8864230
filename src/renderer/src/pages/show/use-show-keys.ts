import { keyBelongsToField, plainKey, useKeydown } from '../../lib/keys';

export type ShowKey = 'go' | 'next' | 'previous' | 'clear' | 'reapply';

const keyOf: Record<string, ShowKey> = {
  Space: 'go',
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  Escape: 'clear',
  KeyR: 'reapply',
};

/**
 * Show-day keys: space GO, arrows move the standby cue, Esc clears the overlays, whatever has
 * focus except a text field: a dropdown left focused after picking the show or the OBS with the
 * mouse must not swallow Space or turn ↑ into "another OBS" (the key is taken from it and it loses
 * focus). Never with a modifier, never on repeat: a held space bar must not fire a second cue.
 */
export function useShowKeys(actions: Record<ShowKey, () => void>, enabled: boolean): void {
  // Capture: ahead of the select's own handling of the key.
  useKeydown(
    (e) => {
      if (!enabled || !plainKey(e)) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (keyBelongsToField(el, { selects: false })) return;
      const action = keyOf[e.code];
      if (!action) return;
      e.preventDefault();
      // A focused button would be pressed by space, a select would change by an arrow: take focus away.
      if (el && el !== document.body) el.blur();
      actions[action]();
    },
    { capture: true },
  );
}
