import { describe, expect, it } from 'vitest';
import { presenterKindOf } from './presenter-role';

describe('presenterKindOf', () => {
  it('a presenter with a title or county is a guest, anyone else the host', () => {
    expect(presenterKindOf({ title: '', county: '' })).toBe('host');
    expect(presenterKindOf({ title: '  ', county: '' })).toBe('host');
    expect(presenterKindOf({ title: '副县长', county: '' })).toBe('guest');
    expect(presenterKindOf({ title: '', county: '洛浦县' })).toBe('guest');
  });
});
