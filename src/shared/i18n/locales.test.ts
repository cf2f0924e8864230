import { describe, expect, it } from 'vitest';
import { languages, namespaces, resources } from './resources';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  for (const ns of namespaces) {
    const reference = flatten(resources['zh-CN'][ns] as Tree);

    for (const lng of languages) {
      it(`${lng}/${ns} has exactly the keys of zh-CN, none empty, same placeholders`, () => {
        const keys = flatten(resources[lng][ns] as Tree);
        const missing = [...reference.keys()].filter((k) => !keys.has(k));
        const extra = [...keys.keys()].filter((k) => !reference.has(k));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        for (const [k, v] of keys) {
          expect(v.trim(), `${lng}:${ns}:${k} is empty`).not.toBe('');
          expect(vars(v), `${lng}:${ns}:${k} placeholders`).toEqual(vars(reference.get(k)!));
        }
      });
    }
  }

  it('has Uyghur text in Arabic script, not copied English', () => {
    const ug = flatten(resources.ug.common as Tree);
    const en = flatten(resources.en.common as Tree);
    const copied = [...ug].filter(
      ([k, v]) =>
        /[a-z]{4,}/i.test(v.replace(/{{\s*\w+\s*}}/g, '')) &&
        v === en.get(k) &&
        !/ShelfCast|OBS|English/.test(v),
    );
    expect(copied).toEqual([]);
    expect(ug.get('nav.shelf')).toMatch(/[\u0600-\u06ff]/);
  });
});
