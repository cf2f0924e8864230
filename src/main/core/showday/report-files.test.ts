import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '@shared/api/domains/showday';
import { formatYuanPlain } from '@shared/format/money';
import { reportPdf } from './report-pdf';
import { reportXlsx, XLSX_FORMATS } from './report-xlsx';

// 2026-11-21 20:00 Beijing time; the report's own clock, never the machine's.
const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const MIN = 60_000;

/** Gansu's long county names (autonomous counties), each with a product and its city. */
const LONG: [product: string, county: string, city: string][] = [
  ['积石山花椒', '积石山保安族东乡族撒拉族自治县', '临夏回族自治州'],
  ['张家川清真牛肉', '张家川回族自治县', '天水市'],
  ['阿克塞羊肉', '阿克塞哈萨克族自治县', '酒泉市'],
  ['肃北驼奶粉', '肃北蒙古族自治县', '酒泉市'],
  ['天祝白牦牛肉', '天祝藏族自治县', '武威市'],
  ['东乡手抓羊肉', '东乡族自治县', '临夏回族自治州'],
  ['肃南草原羊肉', '肃南裕固族自治县', '张掖市'],
];
const LONG_NAME = '陇南武都高山特级初榨橄榄油礼盒装五百毫升两瓶装送礼佳品直播专享';

function report(): Report {
  const byProduct: Report['byProduct'] = LONG.map(([name, county, city], i) => ({
    productId: i + 1,
    name,
    county,
    city,
    orders: 1000 + i,
    units: 12_345 + i,
    gmvFen: 136_615_620 - i * 1_000_001,
  }));
  // Enough ordinary products that the products table runs over a page.
  for (let i = 0; i < 70; i++)
    byProduct.push({
      productId: 100 + i,
      name: i === 3 ? LONG_NAME : `定西马铃薯${i + 1}号`,
      county: '安定区',
      city: '定西市',
      orders: 10 + i,
      units: 20 + i,
      gmvFen: 99_900 + i,
    });
  const counties = new Map<string, Report['byCounty'][number]>();
  for (const p of byProduct) {
    const c = counties.get(p.county) ?? { county: p.county, city: p.city, units: 0, gmvFen: 0 };
    c.units += p.units;
    c.gmvFen += p.gmvFen;
    counties.set(p.county, c);
  }
  const byCounty = [...counties.values()];
  const cities = new Map<string, Report['byCity'][number]>();
  for (const c of byCounty) {
    const t = cities.get(c.city) ?? { city: c.city, units: 0, gmvFen: 0 };
    t.units += c.units;
    t.gmvFen += c.gmvFen;
    cities.set(c.city, t);
  }
  const sum = (k: 'units' | 'gmvFen' | 'orders') => byProduct.reduce((s, p) => s + p[k], 0);
  return {
    showId: 1,
    title: '陇上好物 · 县长直播带货专场',
    showDate: '2026-11-21',
    generatedAt: T0 + 150 * MIN,
    startedAt: T0 - 30 * MIN,
    endedAt: T0 + 120 * MIN,
    totals: { orders: sum('orders'), units: sum('units'), gmvFen: sum('gmvFen'), refundedFen: 123_456 },
    byProduct,
    byCounty,
    byCity: [...cities.values()],
    byPlatform: [
      { platform: 'kuaishou', orders: 4000, units: 50_000, gmvFen: 500_000_000 },
      { platform: 'douyin', orders: 3100, units: 40_000, gmvFen: 400_000_000 },
    ],
    byPresenter: [{ presenter: '王县长', airtimeMs: 42 * MIN, units: 3000, gmvFen: 12_345_600 }],
    airtime: [
      {
        productId: 1,
        name: '积石山花椒',
        airtimeMs: 12 * MIN,
        unitsOnAir: 1500,
        gmvOnAirFen: 7_654_321,
        gmvPerAirMinuteFen: 637_860,
        unitsPerAirMinute: 125,
      },
    ],
    perMinute: Array.from({ length: 40 }, (_, i) => ({
      minute: T0 + i * MIN,
      units: 10 + i,
      gmvFen: (i % 7) * 250_000 + 10_000,
    })),
    cues: 12,
    priceChanges: [],
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-report-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('report PDF', () => {
  it('renders every page, and each county full name sits on its product’s row', async () => {
    const r = report();
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, await reportPdf(r, 'zh-CN'));

    // Rendered to images by poppler: one PNG per page, none empty.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(2);
    execFileSync('pdftoppm', ['-r', '30', '-png', file, path.join(dir, 'page')]);
    const pngs = fs.readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs).toHaveLength(pages);
    for (const png of pngs) expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(1000);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const lines = text.split('\n');
    // Each product's row carries its county's full name, its city and its GMV with separators.
    for (const [i, [name, county, city]] of LONG.entries()) {
      const gmv = formatYuanPlain(r.byProduct[i]!.gmvFen);
      const row = lines.filter((l) => l.includes(name) && l.includes(gmv));
      expect(row.length, `${name} row`).toBeGreaterThan(0);
      expect(row[0], name).toContain(county);
      expect(row[0], name).toContain(city);
    }
    // No county name is broken onto another row: every line with "自治县" holds a whole name.
    for (const l of lines.filter((x) => x.includes('县') && /族|回|藏/.test(x)))
      expect(
        LONG.some(([, county]) => l.includes(county)),
        `broken county name on: ${l}`,
      ).toBe(true);
    // A long product name wraps inside its cell: its row grows and the next product follows below it.
    const start = lines.findIndex((l) => l.includes(LONG_NAME.slice(0, 6)));
    expect(start).toBeGreaterThan(0);
    expect(lines[start]).toContain(formatYuanPlain(99_903));
    const tail = lines.slice(start + 1, start + 4).join('');
    expect(tail).toContain(LONG_NAME.slice(-3));
    // Numbers right-aligned: the GMV column's figures end at the same place on every product row.
    const ends = LONG.map(([name], i) => {
      const l = lines.find((x) => x.includes(name) && x.includes(formatYuanPlain(r.byProduct[i]!.gmvFen)))!;
      return (
        l.indexOf(formatYuanPlain(r.byProduct[i]!.gmvFen)) + formatYuanPlain(r.byProduct[i]!.gmvFen).length
      );
    });
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThanOrEqual(1);
    // Thousands separators, the show's title, date and window, sections per city and county.
    expect(text).toContain('1,366,156.20');
    expect(text).toContain(r.title);
    expect(text).toContain('2026-11-21');
    expect(text).toContain('直播时段: 2026-11-21 19:30–22:00（北京时间）');
    expect(text).toContain('各县区商品');
    expect(text).toContain('积石山保安族东乡族撒拉族自治县（临夏回族自治州）');
    // The products table runs over a page and its header comes again; every page is numbered.
    const header = lines.filter((l) => /商品\s+县区\s+市州\s+订单数\s+件数\s+成交额（元）/.test(l));
    expect(header.length).toBeGreaterThanOrEqual(2);
    // (pdftotext drops the spaces between CJK and digits: compare without spaces.)
    const flat = text.replace(/\s+/g, '');
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`第${p}页/共${pages}页`);
    // The chart has a time axis in Beijing time.
    expect(text).toContain('20:00');
    expect(text).toContain('北京时间');
  });
});

describe('report XLSX', () => {
  it('has money formats, a frozen header row and columns sized to their text, one sheet per table', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report(), 'zh-CN')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总计',
      '商品',
      '在播时段销售',
      '县区',
      '市州',
      '平台',
      '主讲人',
      '每分钟',
      expect.any(String),
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const products = wb.getWorksheet('商品')!;
    expect(products.getRow(1).values).toEqual([
      undefined,
      '商品',
      '市州',
      '县区',
      '订单数',
      '件数',
      '成交额（元）',
    ]);
    expect(products.getRow(2).getCell(3).value).toBe('积石山保安族东乡族撒拉族自治县');
    expect(products.getRow(2).getCell(6).value).toBe(1366156.2);
    expect(products.getColumn(6).numFmt).toBe(XLSX_FORMATS.money);
    expect(products.getColumn(6).numFmt).toBe('"¥"#,##0.00');
    expect(products.getColumn(5).numFmt).toBe('#,##0');
    // The county column fits 15 CJK characters (2 units each); short columns stay narrow.
    expect(products.getColumn(3).width).toBeGreaterThanOrEqual(30);
    expect(products.getColumn(5).width).toBeLessThan(15);
    // The long product name (31 CJK characters) is capped at 60 units wide.
    expect(products.getColumn(1).width).toBe(60);
    const totals = wb.getWorksheet('总计')!;
    expect(totals.getColumn(5).numFmt).toBe('"¥"#,##0.00');
    expect(totals.getColumn(3).numFmt).toBe('#,##0');
    const counties = wb.getWorksheet('县区')!;
    expect(counties.getColumn(4).numFmt).toBe('"¥"#,##0.00');
    expect(counties.getColumn(2).width).toBeGreaterThanOrEqual(30);
  });
});
