import { useEffect, useEffectEvent } from 'react';

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

/** Input types where Space and the arrows type or move a caret: the one place the keys are not the console's. */
const NOT_TEXT = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether the focused element takes typed text (the only place show keys do not act). */
export function takesText(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && !NOT_TEXT.has((el as HTMLInputElement).type);
}

/**
 * Show-day keys: space GO, arrows move the standby cue, Esc clears the overlays, whatever has
 * focus except a text field: a dropdown left focused after picking the show or the OBS with the
 * mouse must not swallow Space or turn ↑ into "another OBS" (the key is taken from it and it loses
 * focus). Never with a modifier, never on repeat: a held space bar must not fire a second cue.
 */
export function useShowKeys(actions: Record<ShowKey, () => void>, enabled: boolean): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!enabled || e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (takesText(el)) return;
    const action = keyOf[e.code];
    if (!action) return;
    e.preventDefault();
    // A focused button would be pressed by space, a select would change by an arrow: take focus away.
    if (el && el !== document.body) el.blur();
    actions[action]();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    // Capture: ahead of the select's own handling of the key.
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);
}
