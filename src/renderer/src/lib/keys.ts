import { useEffect, useEffectEvent } from 'react';

/** Input types where Space and the arrows type or move a caret do not apply: buttons, boxes, pickers. */
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

/** What the predicate reads of a focused element (duck-typed: it is tested without a DOM). */
interface Focused {
  tagName?: unknown;
  isContentEditable?: unknown;
  type?: unknown;
}

/** Whether the focused element takes typed text: a text-like input, a textarea, editable content. */
export function takesText(target: EventTarget | null): boolean {
  const el = target as Focused | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable === true || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && !NOT_TEXT.has(String(el.type ?? 'text'));
}

/**
 * "Not while typing", the one rule of every page shortcut: whether a key pressed on `target` belongs
 * to it. A text field always keeps its keys; a select keeps them too unless `selects` is false (its
 * letters, digits and arrows pick an option; the show console takes them back, because a dropdown
 * left focused after a mouse pick must not swallow Space or turn ↑ into "another OBS").
 */
export function keyBelongsToField(target: EventTarget | null, { selects }: { selects: boolean }): boolean {
  if (takesText(target)) return true;
  return selects && (target as Focused | null)?.tagName === 'SELECT';
}

/** A shortcut key: no Alt/Ctrl/Meta (Alt+digits switch pages), and not the auto-repeat of a held key. */
export const plainKey = (e: KeyboardEvent): boolean => !(e.altKey || e.ctrlKey || e.metaKey || e.repeat);

/** Listens to keydown on the window for the component's lifetime; the latest `onKey` always runs. */
export function useKeydown(onKey: (e: KeyboardEvent) => void, { capture = false } = {}): void {
  const handle = useEffectEvent(onKey);
  useEffect(() => {
    const listener = (e: KeyboardEvent) => handle(e);
    window.addEventListener('keydown', listener, capture);
    return () => window.removeEventListener('keydown', listener, capture);
  }, [capture]);
}
