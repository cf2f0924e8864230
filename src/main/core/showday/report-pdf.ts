import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Report } from '@shared/api/domains/showday';
import { ApiFailure } from '@shared/api/errors';
import type { Language } from '@shared/i18n/resources';
import { airMinutes, beijingClock, platformName, priceChangeTable, reportText, yuan } from './report-text';

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

/**
 * The report as an A4 PDF with an embedded (subset) CJK font: totals, a GMV-per-minute bar chart,
 * and the tables. The Uyghur UI gets Chinese headings: the embedded font has no Arabic script.
 */
export async function reportPdf(r: Report, language: Language, font?: string): Promise<Buffer> {
  const lng = language === 'ug' ? 'zh-CN' : language;
  const t = reportText(lng);
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: r.title, Creator: 'ShelfCast' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [file, family] = cjkFont(font);
  doc.registerFont('cjk', file, family);
  doc.font('cjk');

  doc.fontSize(20).text(r.title);
  doc
    .fontSize(10)
    .fillColor('#555')
    .text(`${t('date')}: ${r.showDate}`)
    .fillColor('#000');
  doc.moveDown();
  doc
    .fontSize(12)
    .text(
      `${t('orders')}: ${r.totals.orders}    ${t('units')}: ${r.totals.units}    ${t('gmv')}: ¥${yuan(r.totals.gmvFen)}    ${t('refunded')}: ¥${yuan(r.totals.refundedFen)}`,
    );
  doc.moveDown();
  chart(doc, t('gmvPerMinute'), r.perMinute);

  table(
    doc,
    t('sheetAirtime'),
    [t('product'), t('airMinutes'), t('gmvOnAir'), t('gmvPerAirMinute')],
    r.airtime.map((a) => [
      a.name,
      airMinutes(a.airtimeMs),
      yuan(a.gmvOnAirFen),
      a.gmvPerAirMinuteFen === null ? '—' : yuan(a.gmvPerAirMinuteFen),
    ]),
  );
  table(
    doc,
    t('sheetProducts'),
    [t('product'), t('county'), t('units'), t('gmv')],
    r.byProduct.map((p) => [p.name, p.county, String(p.units), yuan(p.gmvFen)]),
  );
  table(
    doc,
    t('sheetCounties'),
    [t('city'), t('county'), t('units'), t('gmv')],
    r.byCounty.map((c) => [c.city, c.county, String(c.units), yuan(c.gmvFen)]),
  );
  table(
    doc,
    t('sheetPlatforms'),
    [t('platform'), t('orders'), t('units'), t('gmv')],
    r.byPlatform.map((p) => [
      platformName(lng, p.platform),
      String(p.orders),
      String(p.units),
      yuan(p.gmvFen),
    ]),
  );
  table(
    doc,
    t('sheetPresenters'),
    [t('presenter'), t('airMinutes'), t('units'), t('gmv')],
    r.byPresenter.map((p) => [p.presenter || '—', airMinutes(p.airtimeMs), String(p.units), yuan(p.gmvFen)]),
  );
  const prices = priceChangeTable(r, lng);
  table(doc, prices.title, prices.header, prices.rows);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function chart(doc: Doc, title: string, minutes: Report['perMinute']): void {
  doc.fontSize(12).text(title);
  const x0 = doc.page.margins.left;
  const y0 = doc.y + 4;
  const width = doc.page.width - x0 - doc.page.margins.right;
  const height = 120;
  const max = Math.max(1, ...minutes.map((m) => m.gmvFen));
  const bar = minutes.length > 0 ? width / minutes.length : width;
  doc.rect(x0, y0, width, height).strokeColor('#999').stroke();
  minutes.forEach((m, i) => {
    const h = (m.gmvFen / max) * (height - 4);
    doc.rect(x0 + i * bar + 1, y0 + height - h, Math.max(1, bar - 2), h).fill('#c0392b');
  });
  doc.fillColor('#000').fontSize(8);
  if (minutes.length > 0) {
    doc.text(beijingClock(minutes[0]!.minute), x0, y0 + height + 2);
    doc.text(beijingClock(minutes.at(-1)!.minute), x0, y0 + height + 2, { width, align: 'right' });
  }
  doc.x = x0;
  doc.y = y0 + height + 16;
}

function table(doc: Doc, title: string, header: string[], rows: string[][]): void {
  const x0 = doc.page.margins.left;
  const width = doc.page.width - x0 - doc.page.margins.right;
  const col = width / header.length;
  doc.moveDown().fontSize(12).fillColor('#000').text(title, x0);
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
    const y = doc.y;
    doc.fontSize(9).fillColor(bold ? '#000' : '#222');
    cells.forEach((c, i) =>
      doc.text(c, x0 + i * col, y, { width: col - 4, lineBreak: false, ellipsis: true }),
    );
    doc.x = x0;
    doc.y = y + 14;
  };
  line(header, true);
  for (const r of rows) line(r, false);
}
