import ExcelJS from 'exceljs';
import type { Report } from '@shared/api/domains/showday';
import type { Language } from '@shared/i18n/resources';
import { airMinutes, beijingClock, platformName, priceChangeTable, reportText, yuan } from './report-text';

type Cell = string | number;

/** The report as a workbook: one sheet per table, money in yuan as numbers (sums in Excel work). */
export async function reportXlsx(r: Report, language: Language): Promise<Buffer> {
  const t = reportText(language);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ShelfCast';
  const sheet = (name: string, header: string[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 18));
  };
  const money = (fen: number) => Number(yuan(fen));
  sheet(
    t('sheetTotals'),
    [t('title'), t('date'), t('orders'), t('units'), t('gmv'), t('refunded'), t('cues')],
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
    [t('product'), t('city'), t('county'), t('orders'), t('units'), t('gmv')],
    r.byProduct.map((p) => [p.name, p.city, p.county, p.orders, p.units, money(p.gmvFen)]),
  );
  sheet(
    t('sheetAirtime'),
    [
      t('product'),
      t('airMinutes'),
      t('unitsOnAir'),
      t('gmvOnAir'),
      t('gmvPerAirMinute'),
      t('unitsPerAirMinute'),
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
    [t('city'), t('county'), t('units'), t('gmv')],
    r.byCounty.map((c) => [c.city, c.county, c.units, money(c.gmvFen)]),
  );
  sheet(
    t('sheetCities'),
    [t('city'), t('units'), t('gmv')],
    r.byCity.map((c) => [c.city, c.units, money(c.gmvFen)]),
  );
  sheet(
    t('sheetPlatforms'),
    [t('platform'), t('orders'), t('units'), t('gmv')],
    r.byPlatform.map((p) => [platformName(language, p.platform), p.orders, p.units, money(p.gmvFen)]),
  );
  sheet(
    t('sheetPresenters'),
    [t('presenter'), t('airMinutes'), t('units'), t('gmv')],
    r.byPresenter.map((p) => [p.presenter, Number(airMinutes(p.airtimeMs)), p.units, money(p.gmvFen)]),
  );
  sheet(
    t('sheetMinutes'),
    [t('minute'), t('units'), t('gmv')],
    r.perMinute.map((m) => [beijingClock(m.minute), m.units, money(m.gmvFen)]),
  );
  const prices = priceChangeTable(r, language);
  sheet(prices.title, prices.header, prices.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
