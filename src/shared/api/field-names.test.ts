import i18next, { type i18n as I18n } from 'i18next';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { languages, namespaces, resources, type Language } from '@shared/i18n/resources';
import { operationNames, operations } from './contract';
import {
  boundReasons,
  fieldKeys,
  fieldName,
  fieldPathOf,
  reachableFields,
  reachableReasons,
  type Translator,
} from './field-names';

const inputOf = (op: (typeof operationNames)[number]) => operations[op].input as z.ZodType;

/** i18next as the renderer sets it up (i18n.ts), one instance per language. */
const instances = new Map<Language, I18n>();
beforeAll(async () => {
  for (const lng of languages) {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources,
      lng,
      fallbackLng: false,
      ns: [...namespaces],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    });
    instances.set(lng, i18n);
  }
});
const translator = (lng: Language): Translator => {
  const i18n = instances.get(lng)!;
  return {
    exists: (k) => i18n.exists(k),
    t: (k, p) => i18n.t(k, p ?? {}) as string,
  };
};

/** Text in the language's own script: Han for zh-CN, Arabic for ug. */
const SCRIPT: Partial<Record<Language, RegExp>> = { 'zh-CN': /[\u4e00-\u9fff]/, ug: /[\u0600-\u06ff]/ };

describe('field paths', () => {
  const schema = z.strictObject({
    name: z.string().min(1),
    listings: z.array(z.object({ price: z.number(), sku: z.string() })),
    prices: z.record(z.string(), z.object({ amount: z.number() })),
    target: z.union([z.object({ scene: z.string() }), z.object({ source: z.string() })]).optional(),
    console: z.object({ port: z.number() }).default({ port: 1 }),
  });

  it('keeps the object keys and drops array indices and record keys', () => {
    expect(fieldPathOf(schema, 'listings.0.price')).toBe('listings.price');
    expect(fieldPathOf(schema, 'listings.12')).toBe('listings');
    expect(fieldPathOf(schema, 'prices.SKU.7.amount')).toBe('prices.amount');
    expect(fieldPathOf(schema, 'target.source')).toBe('target.source');
    expect(fieldPathOf(schema, 'console.port')).toBe('console.port');
    expect(fieldPathOf(schema, '')).toBe('');
    // a key the schema does not know is kept as sent, without indices
    expect(fieldPathOf(schema, 'bogus.3.x')).toBe('bogus.x');
    expect(fieldPathOf(undefined, 'listings.0.price')).toBe('listings.price');
  });

  it('walks every field an issue can reach', () => {
    expect([...reachableFields(schema)].sort()).toEqual([
      '',
      'console',
      'console.port',
      'listings',
      'listings.price',
      'listings.sku',
      'name',
      'prices',
      'prices.amount',
      'target',
      'target.scene',
      'target.source',
    ]);
    expect([...reachableReasons(schema)].sort()).toEqual([
      'invalid_type',
      'invalid_union',
      'too_big_string',
      'too_small_string',
      'unrecognized_keys',
    ]);
  });

  it('looks up the operation, then the path, then the word', () => {
    expect(fieldKeys('listings.price', 'shelf.save')).toEqual([
      'fields.shelf.save/listings.price',
      'fields.listings.price',
      'fields.price',
    ]);
    expect(fieldKeys('name')).toEqual(['fields.name']);
    expect(fieldKeys('')).toEqual(['fieldsUi.root']);
  });
});

describe('field names in every language', () => {
  it('names every field any operation can report, in its own script', () => {
    const missing: string[] = [];
    let count = 0;
    for (const op of operationNames) {
      for (const path of reachableFields(inputOf(op))) {
        count++;
        for (const lng of languages) {
          const tr = translator(lng);
          const key = fieldKeys(path, op).find((k) => tr.exists(k));
          if (!key) missing.push(`${lng} ${op} ${path || '(input)'}`);
          else if (SCRIPT[lng] && !SCRIPT[lng].test(tr.t(key)))
            missing.push(`${lng} ${op} ${path}: "${tr.t(key)}" is not ${lng}`);
        }
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('has a reason for every issue code the contract can produce', () => {
    const reasons = new Set<string>(boundReasons);
    for (const op of operationNames) for (const r of reachableReasons(inputOf(op))) reasons.add(r);
    // every operation's input is an object: its type and unknown keys at least
    expect(reasons).toContain('invalid_type');
    expect(reasons).toContain('unrecognized_keys');
    const missing = [...reasons].flatMap((r) =>
      languages.filter((lng) => !instances.get(lng)!.exists(`errors.issue.${r}`)).map((lng) => `${lng} ${r}`),
    );
    expect(missing).toEqual([]);
  });

  it('names one word per operation, a list field by its word, and the input itself', () => {
    const zh = translator('zh-CN');
    expect(fieldName(zh, 'name', 'obs.addConnection', inputOf('obs.addConnection'))).toBe('连接名称');
    expect(fieldName(zh, 'name', 'overlays.setLowerThird', inputOf('overlays.setLowerThird'))).toBe(
      '嘉宾姓名',
    );
    expect(fieldName(zh, 'listings.2.itemId', 'shelf.create', inputOf('shelf.create'))).toBe('平台商品 ID');
    expect(fieldName(zh, 'server.port', 'settings.update', inputOf('settings.update'))).toBe('服务端口');
    expect(fieldName(zh, '', 'shelf.create', inputOf('shelf.create'))).toBe('请求内容');
    // a key no schema knows (reported by the input bounds) is quoted as sent
    expect(fieldName(zh, 'bogus', 'shelf.create', inputOf('shelf.create'))).toBe('字段 bogus');
  });
});
