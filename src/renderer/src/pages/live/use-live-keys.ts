import { useEffect, useEffectEvent } from 'react';

/**
 * Live shortcuts: N next, P previous, S show/hide the card, C countdown. Physical keys (`code`), so
 * they work under any keyboard layout or IME. Never with Alt/Ctrl/Meta (Alt+digits switch pages),
 * never in a text field; space, arrows and Esc stay free for the show-day GO cues.
 */
export function useLiveKeys(actions: Partial<Record<'KeyN' | 'KeyP' | 'KeyS' | 'KeyC', () => void>>): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
    const el = e.target as HTMLElement | null;
    if (el && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName))) return;
    const action = actions[e.code as keyof typeof actions];
    if (!action) return;
    e.preventDefault();
    action();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
