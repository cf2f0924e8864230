import { useEffect, useEffectEvent } from 'react';

export type ShowKey = 'go' | 'next' | 'previous' | 'clear';

const keyOf: Record<string, ShowKey> = {
  Space: 'go',
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  Escape: 'clear',
};

/**
 * Show-day keys: space GO, arrows move the standby cue, Esc clears the overlays. Never in a text
 * field or on a focused button (space would press it twice), never with a modifier, never on repeat:
 * a held space bar must not fire a second cue.
 */
export function useShowKeys(actions: Record<ShowKey, () => void>, enabled: boolean): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!enabled || e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
    const el = e.target as HTMLElement | null;
    if (el && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName))) return;
    const action = keyOf[e.code];
    if (!action) return;
    e.preventDefault();
    if (el?.tagName === 'BUTTON') el.blur();
    actions[action]();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
