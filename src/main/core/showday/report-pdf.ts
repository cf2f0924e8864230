import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Report } from '@shared/api/domains/showday';
import { ApiFailure } from '@shared/api/errors';
import { formatCount, formatYuanPlain, groupDigits } from '@shared/format/money';
import type { Language } from '@shared/i18n/resources';
import { beijingText } from '@shared/time/beijing';
import {
  airMinutes,
  beijingClock,
  figuresText,
  platformName,
  priceChangeTable,
  reportText,
} from './report-text';

/** CJK fonts to embed, first found wins: Debian/Ubuntu (fonts-noto-cjk), macOS, Windows. */
const FONT_CANDIDATES: [file: string, family: string | undefined][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/System/Library/Fonts/PingFang.ttc', 'PingFangSC-Regular'],
  ['C:\\Windows\\Fonts\\msyh.ttc', 'MicrosoftYaHei'],
];

function cjkFont(override: string | undefined): [string, string | undefined] {
  if (override) return [override, undefined];
  const found = FONT_CANDIDATES.find(([f]) => existsSync(f));
  if (!found)
    throw new ApiFailure('unavailable', 'No CJK font found for the PDF', { key: 'showday:errors.noPdfFont' });
  return found;
}

type Doc = InstanceType<typeof PDFDocument>;
type Align = 'left' | 'right';
interface Column {
  header: string;
  /** Share of the page's width (the shares of a table are scaled to fill it). */
  share: number;
  align?: Align;
}

const CELL_FONT = 9;
const PAD = 3;
const INK = '#111';
const MUTED = '#666';
const RULE = '#bbb';

/**
 * The report as an A4 PDF an organiser can hand to a county: the show's title, date and on-air
 * window, totals, a GMV-per-minute chart with axes, and tables whose cells wrap inside themselves
 * (the row grows), numbers right-aligned with separators, headers repeated on each page, sections
 * per city and per county, and page numbers. Embedded (subset) CJK font; the Uyghur UI gets
 * Chinese headings, the embedded font has no Arabic script.
 */
export async function reportPdf(r: Report, language: Language, font?: string): Promise<Buffer> {
  const lng = language === 'ug' ? 'zh-CN' : language;
  const t = reportText(lng);
  const f = figuresText(lng);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: { Title: r.title, Creator: 'ShelfCast' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [file, family] = cjkFont(font);
  doc.registerFont('cjk', file, family);
  doc.font('cjk');

  const x0 = doc.page.margins.left;
  const width = doc.page.width - x0 - doc.page.margins.right;
  doc.fontSize(20).fillColor(INK).text(r.title, x0, doc.y, { width });
  const window =
    r.startedAt === null
      ? f('notStarted')
      : f('windowValue', {
          from: beijingText(r.startedAt),
          to: r.endedAt === null ? f('stillOnAir') : beijingClock(r.endedAt),
        });
  doc
    .fontSize(10)
    .fillColor(MUTED)
    .text(`${t('date')}: ${r.showDate}    ${f('window')}: ${window}`, { width })
    .text(f('generated', { time: beijingText(r.generatedAt) }), { width })
    .fillColor(INK);
  doc.moveDown(0.5);

  table(
    doc,
    t('sheetTotals'),
    [
      { header: t('orders'), share: 1, align: 'right' },
      { header: t('units'), share: 1, align: 'right' },
      { header: t('gmv'), share: 1.4, align: 'right' },
      { header: t('refunded'), share: 1.4, align: 'right' },
      { header: t('cues'), share: 1, align: 'right' },
    ],
    [
      [
        formatCount(r.totals.orders),
        formatCount(r.totals.units),
        formatYuanPlain(r.totals.gmvFen),
        formatYuanPlain(r.totals.refundedFen),
        formatCount(r.cues),
      ],
    ],
    f,
  );
  chart(doc, t('gmvPerMinute'), r.perMinute, f('gmvYuan'), f('minuteAxis'));

  table(
    doc,
    t('sheetAirtime'),
    [
      { header: t('product'), share: 2.6 },
      { header: t('airMinutes'), share: 1.4, align: 'right' },
      { header: t('unitsOnAir'), share: 1.1, align: 'right' },
      { header: t('gmvOnAir'), share: 1.6, align: 'right' },
      { header: t('gmvPerAirMinute'), share: 2.2, align: 'right' },
    ],
    r.airtime.map((a) => [
      a.name,
      airMinutes(a.airtimeMs),
      formatCount(a.unitsOnAir),
      formatYuanPlain(a.gmvOnAirFen),
      a.gmvPerAirMinuteFen === null ? '—' : formatYuanPlain(a.gmvPerAirMinuteFen),
    ]),
    f,
  );
  table(
    doc,
    t('sheetProducts'),
    [
      // The county column holds the longest county name (积石山保安族东乡族撒拉族自治县, 15
      // characters) on one line; anything longer wraps inside its cell and the row grows.
      { header: t('product'), share: 2.4 },
      { header: t('county'), share: 3.6 },
      { header: t('city'), share: 2.2 },
      { header: t('orders'), share: 0.9, align: 'right' },
      { header: t('units'), share: 1, align: 'right' },
      { header: t('gmv'), share: 1.8, align: 'right' },
    ],
    r.byProduct.map((p) => [
      p.name,
      p.county || '—',
      p.city || '—',
      formatCount(p.orders),
      formatCount(p.units),
      formatYuanPlain(p.gmvFen),
    ]),
    f,
  );
  table(
    doc,
    t('sheetCities'),
    [
      { header: t('city'), share: 3 },
      { header: t('units'), share: 1, align: 'right' },
      { header: t('gmv'), share: 1.6, align: 'right' },
    ],
    r.byCity.map((c) => [c.city || '—', formatCount(c.units), formatYuanPlain(c.gmvFen)]),
    f,
  );
  table(
    doc,
    t('sheetCounties'),
    [
      { header: t('county'), share: 3 },
      { header: t('city'), share: 2 },
      { header: t('units'), share: 1, align: 'right' },
      { header: t('gmv'), share: 1.6, align: 'right' },
    ],
    r.byCounty.map((c) => [c.county || '—', c.city || '—', formatCount(c.units), formatYuanPlain(c.gmvFen)]),
    f,
  );
  // Per county: its products, so each county's page can be handed to that county.
  if (r.byCounty.length > 0) {
    section(doc, f('byCountySection'));
    for (const c of r.byCounty) {
      const products = r.byProduct.filter((p) => p.county === c.county && p.city === c.city);
      table(
        doc,
        f('countyHeading', { county: c.county || '—', city: c.city || '—' }),
        [
          { header: t('product'), share: 4 },
          { header: t('orders'), share: 1, align: 'right' },
          { header: t('units'), share: 1, align: 'right' },
          { header: t('gmv'), share: 1.6, align: 'right' },
        ],
        [
          ...products.map((p) => [
            p.name,
            formatCount(p.orders),
            formatCount(p.units),
            formatYuanPlain(p.gmvFen),
          ]),
          [f('total'), '', formatCount(c.units), formatYuanPlain(c.gmvFen)],
        ],
        f,
        11,
      );
    }
  }
  table(
    doc,
    t('sheetPlatforms'),
    [
      { header: t('platform'), share: 2 },
      { header: t('orders'), share: 1, align: 'right' },
      { header: t('units'), share: 1, align: 'right' },
      { header: t('gmv'), share: 1.6, align: 'right' },
    ],
    r.byPlatform.map((p) => [
      platformName(lng, p.platform),
      formatCount(p.orders),
      formatCount(p.units),
      formatYuanPlain(p.gmvFen),
    ]),
    f,
  );
  table(
    doc,
    t('sheetPresenters'),
    [
      { header: t('presenter'), share: 2.5 },
      { header: t('airMinutes'), share: 1.3, align: 'right' },
      { header: t('units'), share: 1, align: 'right' },
      { header: t('gmv'), share: 1.6, align: 'right' },
    ],
    r.byPresenter.map((p) => [
      p.presenter || '—',
      airMinutes(p.airtimeMs),
      formatCount(p.units),
      formatYuanPlain(p.gmvFen),
    ]),
    f,
  );
  const prices = priceChangeTable(r, lng);
  table(
    doc,
    prices.title,
    prices.header.map((header, i) => ({
      header,
      share: [1.6, 2, 1, 1, 1, 1, 1.1, 1.6][i] ?? 1,
      align: i === 3 || i === 4 ? ('right' as const) : undefined,
    })),
    prices.rows.map((row) => row.map((c, i) => (i === 3 || i === 4 ? withSeparators(c) : c))),
    f,
  );

  // Footer on every page: the show and the page number (written last, when the count is known).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - 28;
    doc.fontSize(8).fillColor(MUTED);
    doc.text(`${r.title} · ${r.showDate}`, x0, y, { width: width / 2, lineBreak: false });
    doc.text(f('pageOf', { page: i + 1, pages: range.count }), x0 + width / 2, y, {
      width: width / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** `1234.50` → `1,234.50` (the price table's yuan), anything else unchanged. */
const withSeparators = (s: string): string => {
  const m = /^(\d+)\.(\d\d)$/.exec(s);
  return m ? `${groupDigits(Number(m[1]))}.${m[2]}` : s;
};

const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** A new page unless `space` points still fit on this one. */
function ensure(doc: Doc, space: number): void {
  if (doc.y + space > pageBottom(doc)) doc.addPage();
}

function section(doc: Doc, title: string): void {
  ensure(doc, 80);
  doc.moveDown(0.8);
  doc.fontSize(15).fillColor(INK).text(title, doc.page.margins.left);
}

/**
 * A table whose cells wrap inside their own width: each row is as tall as its tallest cell, a row
 * that does not fit goes to the next page, and the header row is drawn again at the top of it.
 */
function table(
  doc: Doc,
  title: string,
  columns: Column[],
  rows: string[][],
  f: ReturnType<typeof figuresText>,
  titleSize = 12,
): void {
  const x0 = doc.page.margins.left;
  const width = doc.page.width - x0 - doc.page.margins.right;
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * width);
  const lefts = widths.map((_, i) => x0 + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const rowHeight = (cells: string[]) => {
    doc.fontSize(CELL_FONT);
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }))) +
      2 * PAD
    );
  };
  const header = columns.map((c) => c.header);
  const headerH = rowHeight(header);
  const body = rows.length > 0 ? rows : [[f('noRows'), ...columns.slice(1).map(() => '')]];

  const drawRow = (cells: string[], h: number, head: boolean) => {
    const y = doc.y;
    if (head) doc.rect(x0, y, width, h).fill('#eceff3');
    doc.fontSize(CELL_FONT).fillColor(head ? INK : '#222');
    cells.forEach((c, i) =>
      doc.text(c, lefts[i]! + PAD, y + PAD, {
        width: widths[i]! - 2 * PAD,
        align: columns[i]!.align ?? 'left',
      }),
    );
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + width, y + h)
      .lineWidth(head ? 0.8 : 0.4)
      .strokeColor(head ? '#888' : RULE)
      .stroke();
    doc.x = x0;
    doc.y = y + h;
  };

  // The title stays with the header and the first row.
  doc.fontSize(titleSize);
  const titleH = doc.heightOfString(title, { width }) + 8;
  ensure(doc, titleH + headerH + rowHeight(body[0]!) + 6);
  doc.moveDown(0.4);
  doc.fontSize(titleSize).fillColor(INK).text(title, x0, doc.y, { width });
  doc.y += 2;
  drawRow(header, headerH, true);
  for (const cells of body) {
    const h = rowHeight(cells);
    if (doc.y + h > pageBottom(doc)) {
      doc.addPage();
      doc
        .fontSize(9)
        .fillColor(MUTED)
        .text(`${title} ${f('continued')}`, x0, doc.y, { width });
      doc.y += 2;
      drawRow(header, headerH, true);
    }
    drawRow(cells, h, false);
  }
}

/** A round step for `raw` (1, 2, 2.5 or 5 times a power of ten). */
function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** GMV per minute as bars, with a yuan axis (round steps) and Beijing clock times along the bottom. */
function chart(doc: Doc, title: string, minutes: Report['perMinute'], yLabel: string, xLabel: string): void {
  const height = 150;
  ensure(doc, height + 60);
  doc.moveDown(0.4);
  doc.fontSize(12).fillColor(INK).text(title, doc.page.margins.left);
  const left = doc.page.margins.left;
  const axisW = 58;
  const x0 = left + axisW;
  const width = doc.page.width - doc.page.margins.right - x0;
  const y0 = doc.y + 14;
  const maxYuan = Math.max(1, ...minutes.map((m) => m.gmvFen / 100));
  const step = niceStep(maxYuan / 4);
  const top = step * Math.ceil(maxYuan / step);
  doc
    .fontSize(7)
    .fillColor(MUTED)
    .text(yLabel, left, y0 - 12, { width: 200, lineBreak: false });
  for (let v = 0; v <= top + 1e-9; v += step) {
    const y = y0 + height - (v / top) * height;
    doc
      .moveTo(x0, y)
      .lineTo(x0 + width, y)
      .lineWidth(0.3)
      .strokeColor('#ddd')
      .stroke();
    doc
      .fontSize(7)
      .fillColor(MUTED)
      .text(groupDigits(Math.round(v)), left, y - 4, { width: axisW - 4, align: 'right', lineBreak: false });
  }
  doc
    .moveTo(x0, y0)
    .lineTo(x0, y0 + height)
    .lineTo(x0 + width, y0 + height)
    .lineWidth(0.8)
    .strokeColor('#555')
    .stroke();
  const n = Math.max(minutes.length, 1);
  const bar = width / n;
  const every = Math.max(1, Math.ceil(n / 8));
  minutes.forEach((m, i) => {
    const h = (m.gmvFen / 100 / top) * height;
    if (h > 0)
      doc.rect(x0 + i * bar + bar * 0.15, y0 + height - h, Math.max(0.5, bar * 0.7), h).fill('#c0392b');
    if (i % every === 0) {
      const cx = x0 + i * bar + bar / 2;
      doc
        .moveTo(cx, y0 + height)
        .lineTo(cx, y0 + height + 3)
        .lineWidth(0.5)
        .strokeColor('#555')
        .stroke();
      doc
        .fontSize(7)
        .fillColor(MUTED)
        .text(beijingClock(m.minute), cx - 20, y0 + height + 4, {
          width: 40,
          align: 'center',
          lineBreak: false,
        });
    }
  });
  doc
    .fontSize(7)
    .fillColor(MUTED)
    .text(xLabel, x0, y0 + height + 14, { width, align: 'right', lineBreak: false });
  doc.fillColor(INK);
  doc.x = left;
  doc.y = y0 + height + 26;
}
