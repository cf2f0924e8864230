import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchInputSchema } from '@shared/api/domains/shelf';
import { LISTING_BY_SKU_SQL } from './shelf-store';
import { planSearch } from './shelf-search';
import { shortGrams } from './search-text';
import { productInput, shelfHarness, type ShelfHarness } from '../../../../test-support/shelf/memory-studio';

let h: ShelfHarness;
afterEach(() => h?.close());

const plan = (sql: string, params: unknown[]) =>
  h.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail)
    .join('\n');

async function seed() {
  const make = async (over: Parameters<typeof productInput>[0], platform?: 'kuaishou' | 'jd') =>
    (
      await h.call('shelf.create', {
        product: productInput(over),
        listings: platform ? [{ platform, itemId: `${platform}-${Math.random()}`, skuIds: [] }] : [],
      })
    ).product.id;
  return {
    walnut: await make(
      {
        nameZh: '和田薄皮核桃',
        nameEn: 'Hotan Walnuts',
        originCity: '和田地区',
        originCounty: '和田县',
        category: '坚果',
        sellingPoints: '皮薄 仁满',
      },
      'kuaishou',
    ),
    jujube: await make(
      { nameZh: '若羌灰枣', originCity: '巴州', originCounty: '若羌县', category: '干果', stock: 0 },
      'jd',
    ),
    apple: await make({ nameZh: '静宁苹果', originCity: '平凉市', originCounty: '静宁县', category: '水果' }),
    potato: await make({
      nameZh: '定西马铃薯 🥔',
      originCity: '定西市',
      originCounty: '安定区',
      category: '蔬菜',
      status: 'archived',
    }),
    oneChar: await make({ nameZh: '枣', originCity: '和田地区', originCounty: '策勒县', category: '干果' }),
  };
}

const names = async (input: Record<string, unknown>) =>
  (await h.call('shelf.search', input)).items.map((p) => p.nameZh).sort();

describe('shelf search', () => {
  it('finds substrings of 3+ characters (trigram) in Chinese, English and places', async () => {
    h = shelfHarness();
    await seed();
    expect(await names({ query: '薄皮核' })).toEqual(['和田薄皮核桃']);
    expect(await names({ query: 'walnut' })).toEqual(['和田薄皮核桃']);
    expect(await names({ query: '若羌县' })).toEqual(['若羌灰枣']);
    expect(await names({ query: '"核桃' })).toEqual([]); // FTS syntax is quoted, never interpreted
  });

  it('finds 1- and 2-character queries through the gram index', async () => {
    h = shelfHarness();
    await seed();
    expect(await names({ query: '核桃' })).toEqual(['和田薄皮核桃']);
    expect(await names({ query: '和田' })).toEqual(['和田薄皮核桃', '枣']);
    expect(await names({ query: '枣' })).toEqual(['枣', '若羌灰枣']);
    expect(await names({ query: '🥔' })).toEqual(['定西马铃薯 🥔']);
    expect(await names({ query: 'ＨＯ' })).toEqual(['和田薄皮核桃']); // full-width folds to "ho"
  });

  it('filters by city, county, category, platform, stock and status', async () => {
    h = shelfHarness();
    await seed();
    expect(await names({ city: '和田地区' })).toEqual(['和田薄皮核桃', '枣']);
    expect(await names({ county: '静宁县' })).toEqual(['静宁苹果']);
    expect(await names({ query: '枣', category: '干果', inStock: true })).toEqual(['枣']);
    expect(await names({ inStock: false })).toEqual(['若羌灰枣']);
    expect(await names({ platform: 'jd' })).toEqual(['若羌灰枣']);
    expect(await names({ statuses: ['draft', 'ready'] })).not.toContain('定西马铃薯 🥔');
    expect((await h.call('shelf.search', { limit: 2 })).total).toBe(5);
  });

  it('follows edits and deletes in both indexes', async () => {
    h = shelfHarness();
    const { apple } = await seed();
    await h.call('shelf.update', { id: apple, patch: { nameZh: '庄浪苹果' } });
    expect(await names({ query: '静宁苹' })).toEqual([]);
    expect(await names({ query: '庄浪' })).toEqual(['庄浪苹果']);
    expect(await names({ query: '庄浪苹' })).toEqual(['庄浪苹果']);
  });

  it('answers from the FTS index and the gram primary key, not by scanning products', () => {
    h = shelfHarness();
    const long = planSearch(SearchInputSchema.parse({ query: '薄皮核桃', statuses: ['ready'] }));
    expect(long.mode).toBe('trigram');
    expect(plan(long.sql, [...long.params, 50, 0])).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    const short = planSearch(SearchInputSchema.parse({ query: '核桃', city: '和田地区' }));
    expect(short.mode).toBe('gram');
    const shortPlan = plan(short.sql, [...short.params, 50, 0]);
    expect(shortPlan).toMatch(/SEARCH g USING PRIMARY KEY \(gram=\?\)/);
    expect(shortPlan).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    expect(shortPlan).not.toMatch(/SCAN p\b/);
  });

  it('looks listings up by platform SKU id through the listing_sku index', () => {
    h = shelfHarness();
    const detail = plan(LISTING_BY_SKU_SQL, ['kuaishou', '1']);
    expect(detail).toMatch(/SEARCH k USING (COVERING )?INDEX listing_sku_sku \(sku_id=\?\)/);
    expect(detail).not.toMatch(/platform_listing_outer_sku|SCAN/);
    expect(detail).toMatch(/SEARCH l USING INTEGER PRIMARY KEY/);
    const outer = plan('SELECT id FROM platform_listing WHERE platform = ? AND outer_sku = ?', ['jd', 'X']);
    expect(outer).toMatch(/INDEX platform_listing_outer_sku/);
  });

  it('answers a query holding NUL or FTS5 syntax with results, never an error', async () => {
    h = shelfHarness();
    await seed();
    // FTS5 ends its query text at a NUL ("unterminated string"): such text is in no product.
    expect(await names({ query: 'ab\u0000c' })).toEqual([]);
    expect(await names({ query: '\u0000核桃' })).toEqual([]);
    expect(await names({ query: '薄皮核\u0000' })).toEqual([]);
    expect((await h.call('shelf.search', { query: 'ab\u0000c' })).total).toBe(0);
    expect(await names({ query: '薄皮核' })).toEqual(['和田薄皮核桃']);
    // Any text, FTS5 operators included, is an answer (1,000 generated queries, seeded).
    const syntax = fc.constantFrom(
      '"',
      '\u0000',
      '*',
      '^',
      ':',
      '(',
      ')',
      'NEAR',
      'AND',
      'OR',
      'NOT',
      '-',
      '+',
      '{',
    );
    const query = fc
      .array(fc.oneof(syntax, fc.string({ maxLength: 4, unit: 'binary' })), { maxLength: 8 })
      .map((parts) => parts.join(''));
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        tried++;
        const r = await h.call('shelf.search', { query: q, limit: 5 });
        expect(Array.isArray(r.items)).toBe(true);
      }),
      { numRuns: 1000, seed: 16 },
    );
    expect(tried).toBe(1000);
  });

  it('splits text into distinct 1- and 2-character grams per word', () => {
    expect(shortGrams(['红枣 夹心', null]).sort()).toEqual(['夹', '夹心', '心', '枣', '红', '红枣'].sort());
  });
});
