/**
 * bench:search — shelf search on a generated shelf of 10,000 products: p50/p99 of the studio's
 * search (trigram FTS5 for 3+ characters, the gram index for 1-2) next to a naive LIKE '%q%' scan
 * over the same columns, same data, same run. Both fetch the first page (50) and the total.
 */
import { performance } from 'node:perf_hooks';
import { SearchInputSchema, type ProductInput } from '../../src/shared/api/domains/shelf';
import demo from '../../resources/demo/shelf.json';
import { migrations } from '../../src/main/core/db/migrations';
import { openDatabase } from '../../src/main/core/db/open-database';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { ProductStore } from '../../src/main/core/shelf/product-store';
import { ShelfSearch } from '../../src/main/core/shelf/shelf-search';
import { percentile, printBenchResult, round } from './bench-report';

const PRODUCTS = 10_000;
const QUERIES = 2_000;
const PAGE = 50;

let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

const { db } = openDatabase(':memory:', migrations, new LogHub({ sink: () => undefined }).logger('bench'));
const store = new ProductStore(() => db);
const search = new ShelfSearch(() => db);

const places = demo.products.map((p) => ({ city: p.originCity, county: p.originCounty }));
const bases = demo.products.map((p) => p.nameZh.replace(/^(.{2})/, ''));
const adjectives = [
  '精选',
  '特级',
  '有机',
  '农家',
  '礼盒装',
  '新鲜',
  '高山',
  '古法',
  '头茬',
  '手工',
  '家庭装',
  '原味',
];
const points = demo.products.map((p) => p.sellingPoints);
const categories = [...new Set(demo.products.map((p) => p.category))];
const names: string[] = [];
const t0 = performance.now();
db.transaction(() => {
  for (let i = 0; i < PRODUCTS; i++) {
    const place = pick(places);
    const nameZh = `${(place.county || place.city).slice(0, 2)}${pick(adjectives)}${pick(bases)}${i % 7 === 0 ? ` ${i}` : ''}`;
    names.push(nameZh);
    const price = 990 + rnd(50_000);
    const input: ProductInput = {
      nameZh,
      nameEn: i % 3 === 0 ? `Specialty ${i}` : null,
      nameUg: null,
      sellingPoints: pick(points),
      category: pick(categories),
      originProvince: '甘肃省',
      originCity: place.city,
      originCounty: place.county,
      specification: '500g',
      unit: '袋',
      listPriceFen: price + 1000,
      livePriceFen: price,
      stock: rnd(500),
      status: i % 10 === 0 ? 'archived' : 'ready',
      outerSku: `B-${i}`,
    };
    store.create(
      input,
      i % 2 === 0
        ? [
            {
              platform: 'kuaishou',
              platformLabel: '',
              shopId: '',
              itemId: `${i}`,
              skuIds: [`${i}1`],
              outerSku: '',
              cartLinkNo: null,
            },
          ]
        : [],
    );
  }
})();
db.pragma('optimize');
const loadMs = performance.now() - t0;

const substring = (len: number) => {
  const chars = Array.from(pick(names).replace(/\s+\d+$/, ''));
  const start = rnd(Math.max(1, chars.length - len + 1));
  return chars.slice(start, start + len).join('');
};
const longQueries = Array.from({ length: QUERIES }, () => substring(3 + rnd(2)));
const shortQueries = Array.from({ length: QUERIES }, () => substring(1 + rnd(2)));

const likeRows = db.prepare(
  `SELECT * FROM product WHERE name_zh LIKE @q OR name_en LIKE @q OR name_ug LIKE @q OR origin_city LIKE @q
   OR origin_county LIKE @q OR selling_points LIKE @q ORDER BY id LIMIT ${PAGE}`,
);
const likeCount = db.prepare(
  `SELECT count(*) AS n FROM product WHERE name_zh LIKE @q OR name_en LIKE @q OR name_ug LIKE @q OR origin_city LIKE @q
   OR origin_county LIKE @q OR selling_points LIKE @q`,
);

function time(queries: readonly string[], run: (q: string) => number): { ms: number[]; hits: number } {
  for (const q of queries.slice(0, 100)) run(q); // warm up statements and pages
  const ms: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const s = performance.now();
    hits += run(q);
    ms.push(performance.now() - s);
  }
  return { ms, hits };
}
const studio = (q: string) => search.search(SearchInputSchema.parse({ query: q, limit: PAGE })).total;
const like = (q: string) => {
  const pattern = { q: `%${q}%` }; // generated queries hold no % or _
  likeRows.all(pattern);
  return (likeCount.get(pattern) as { n: number }).n;
};

const long = time(longQueries, studio);
const short = time(shortQueries, studio);
const likeLong = time(longQueries, like);
const likeShort = time(shortQueries, like);
if (long.hits !== likeLong.hits)
  console.warn(`! long queries: studio found ${long.hits} rows, LIKE ${likeLong.hits}`);
if (short.hits !== likeShort.hits)
  console.warn(`! short queries: studio found ${short.hits} rows, LIKE ${likeShort.hits}`);

const fmt = (xs: number[]) => `p50 ${round(percentile(xs, 50))} ms · p99 ${round(percentile(xs, 99))} ms`;
console.log(`shelf of ${PRODUCTS} products generated and indexed in ${Math.round(loadMs)} ms`);
console.log(`${QUERIES} queries each, first page of ${PAGE} plus the total count`);
console.log(`3+ characters (trigram FTS5):   ${fmt(long.ms)}   | LIKE scan: ${fmt(likeLong.ms)}`);
console.log(`1-2 characters (gram index):    ${fmt(short.ms)}   | LIKE scan: ${fmt(likeShort.ms)}`);
console.log(
  `matches: long ${long.hits} (LIKE ${likeLong.hits}), short ${short.hits} (LIKE ${likeShort.hits})`,
);
printBenchResult({
  bench: 'search',
  products: PRODUCTS,
  queries: QUERIES,
  p50_ms: round(percentile(long.ms, 50)),
  p99_ms: round(percentile(long.ms, 99)),
  short_p50_ms: round(percentile(short.ms, 50)),
  short_p99_ms: round(percentile(short.ms, 99)),
  like_p50_ms: round(percentile(likeLong.ms, 50)),
  like_p99_ms: round(percentile(likeLong.ms, 99)),
  like_short_p99_ms: round(percentile(likeShort.ms, 99)),
  same_matches: long.hits === likeLong.hits && short.hits === likeShort.hits,
});
db.close();
