import { describe, expect, it } from 'vitest';
import { keyBelongsToField, plainKey, takesText } from './keys';

const el = (tagName: string, extra: Record<string, unknown> = {}) =>
  ({ tagName, ...extra }) as unknown as EventTarget;

describe('not while typing', () => {
  it('text fields keep their keys, on every page', () => {
    for (const selects of [true, false]) {
      expect(keyBelongsToField(el('INPUT', { type: 'text' }), { selects })).toBe(true);
      expect(keyBelongsToField(el('INPUT', { type: 'number' }), { selects })).toBe(true);
      expect(keyBelongsToField(el('INPUT', { type: 'search' }), { selects })).toBe(true);
      expect(keyBelongsToField(el('TEXTAREA'), { selects })).toBe(true);
      expect(keyBelongsToField(el('DIV', { isContentEditable: true }), { selects })).toBe(true);
    }
  });

  it('buttons, boxes and the page itself never keep a shortcut', () => {
    for (const selects of [true, false]) {
      expect(keyBelongsToField(el('INPUT', { type: 'checkbox' }), { selects })).toBe(false);
      expect(keyBelongsToField(el('INPUT', { type: 'button' }), { selects })).toBe(false);
      expect(keyBelongsToField(el('BUTTON'), { selects })).toBe(false);
      expect(keyBelongsToField(el('BODY'), { selects })).toBe(false);
      expect(keyBelongsToField(null, { selects })).toBe(false);
    }
  });

  it('a select keeps its keys unless the console takes them back', () => {
    expect(keyBelongsToField(el('SELECT'), { selects: true })).toBe(true);
    expect(keyBelongsToField(el('SELECT'), { selects: false })).toBe(false);
    expect(takesText(el('SELECT'))).toBe(false);
  });

  it('a shortcut is a plain key: no modifier, no auto-repeat', () => {
    const key = (p: Partial<KeyboardEvent>) =>
      ({ altKey: false, ctrlKey: false, metaKey: false, repeat: false, ...p }) as KeyboardEvent;
    expect(plainKey(key({}))).toBe(true);
    expect(plainKey(key({ altKey: true }))).toBe(false);
    expect(plainKey(key({ ctrlKey: true }))).toBe(false);
    expect(plainKey(key({ metaKey: true }))).toBe(false);
    expect(plainKey(key({ repeat: true }))).toBe(false);
  });
});
