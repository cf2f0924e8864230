import { keyBelongsToField, plainKey, useKeydown } from '../../lib/keys';

/**
 * Live shortcuts: N next, P previous, S show/hide the card, C countdown. Physical keys (`code`), so
 * they work under any keyboard layout or IME. Never with Alt/Ctrl/Meta (Alt+digits switch pages),
 * never in a text field; space, arrows and Esc stay free for the show-day GO cues.
 */
export function useLiveKeys(actions: Partial<Record<'KeyN' | 'KeyP' | 'KeyS' | 'KeyC', () => void>>): void {
  useKeydown((e) => {
    if (!plainKey(e) || keyBelongsToField(e.target, { selects: true })) return;
    const action = actions[e.code as keyof typeof actions];
    if (!action) return;
    e.preventDefault();
    action();
  });
}
