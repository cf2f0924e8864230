import ExcelJS from 'exceljs';
import type { Report } from '@shared/api/domains/showday';
import { formatCount, formatYuan } from '@shared/format/money';
import type { Language } from '@shared/i18n/resources';
import { airMinutes, beijingClock, platformName, priceChangeTable, reportText, yuan } from './report-text';

type Cell = string | number;
type Kind = 'text' | 'money' | 'count' | 'decimal';

/** Number formats: yuan with separators and two decimals, counts with separators. */
export const XLSX_FORMATS: Record<Exclude<Kind, 'text'>, string> = {
  money: '"¥"#,##0.00',
  count: '#,##0',
  decimal: '#,##0.0',
};

/** Width of a cell's text in Excel's character units: CJK and full-width characters count twice. */
const textWidth = (v: Cell): number =>
  [...String(v)].reduce(
    (w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[\u0600-\u06ff]/.test(ch) ? 2 : 1),
    0,
  );

/**
 * The report as a workbook: one sheet per table, money in yuan as numbers (sums in Excel work) in
 * a ¥ number format, counts with separators, the header row frozen, columns sized to their text.
 */
export async function reportXlsx(r: Report, language: Language): Promise<Buffer> {
  const t = reportText(language);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ShelfCast';
  const sheet = (name: string, columns: [header: string, kind: Kind][], rows: Cell[][]) => {
    // Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].
    const ws = wb.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    });
    const header = ws.addRow(columns.map(([h]) => h));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    for (const row of rows) ws.addRow(row);
    columns.forEach(([h, kind], i) => {
      const col = ws.getColumn(i + 1);
      if (kind !== 'text') {
        col.numFmt = XLSX_FORMATS[kind];
        col.alignment = { horizontal: 'right' };
      }
      // Sized to the widest value as Excel shows it (separators and ¥ included), 8 to 60 characters.
      const shown = rows.map((row) => {
        const v = row[i] ?? '';
        return typeof v === 'number'
          ? kind === 'money'
            ? formatYuan(Math.round(v * 100))
            : formatCount(v)
          : v;
      });
      col.width = Math.min(60, Math.max(8, textWidth(h) + 2, ...shown.map((v) => textWidth(v) + 2)));
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  };
  const money = (fen: number) => Number(yuan(fen));
  sheet(
    t('sheetTotals'),
    [
      [t('title'), 'text'],
      [t('date'), 'text'],
      [t('orders'), 'count'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
      [t('refunded'), 'money'],
      [t('cues'), 'count'],
    ],
    [
      [
        r.title,
        r.showDate,
        r.totals.orders,
        r.totals.units,
        money(r.totals.gmvFen),
        money(r.totals.refundedFen),
        r.cues,
      ],
    ],
  );
  sheet(
    t('sheetProducts'),
    [
      [t('product'), 'text'],
      [t('city'), 'text'],
      [t('county'), 'text'],
      [t('orders'), 'count'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
    ],
    r.byProduct.map((p) => [p.name, p.city, p.county, p.orders, p.units, money(p.gmvFen)]),
  );
  sheet(
    t('sheetAirtime'),
    [
      [t('product'), 'text'],
      [t('airMinutes'), 'decimal'],
      [t('unitsOnAir'), 'count'],
      [t('gmvOnAir'), 'money'],
      [t('gmvPerAirMinute'), 'money'],
      [t('unitsPerAirMinute'), 'decimal'],
    ],
    r.airtime.map((a) => [
      a.name,
      Number(airMinutes(a.airtimeMs)),
      a.unitsOnAir,
      money(a.gmvOnAirFen),
      a.gmvPerAirMinuteFen === null ? '' : money(a.gmvPerAirMinuteFen),
      a.unitsPerAirMinute ?? '',
    ]),
  );
  sheet(
    t('sheetCounties'),
    [
      [t('city'), 'text'],
      [t('county'), 'text'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
    ],
    r.byCounty.map((c) => [c.city, c.county, c.units, money(c.gmvFen)]),
  );
  sheet(
    t('sheetCities'),
    [
      [t('city'), 'text'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
    ],
    r.byCity.map((c) => [c.city, c.units, money(c.gmvFen)]),
  );
  sheet(
    t('sheetPlatforms'),
    [
      [t('platform'), 'text'],
      [t('orders'), 'count'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
    ],
    r.byPlatform.map((p) => [platformName(language, p.platform), p.orders, p.units, money(p.gmvFen)]),
  );
  sheet(
    t('sheetPresenters'),
    [
      [t('presenter'), 'text'],
      [t('airMinutes'), 'decimal'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
    ],
    r.byPresenter.map((p) => [p.presenter, Number(airMinutes(p.airtimeMs)), p.units, money(p.gmvFen)]),
  );
  sheet(
    t('sheetMinutes'),
    [
      [t('minute'), 'text'],
      [t('units'), 'count'],
      [t('gmv'), 'money'],
    ],
    r.perMinute.map((m) => [beijingClock(m.minute), m.units, money(m.gmvFen)]),
  );
  const prices = priceChangeTable(r, language);
  sheet(
    prices.title,
    prices.header.map((h, i) => [h, i === 3 || i === 4 ? 'money' : 'text'] as [string, Kind]),
    prices.rows.map((row) => row.map((c, i) => ((i === 3 || i === 4) && c !== '—' ? Number(c) : c))),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
