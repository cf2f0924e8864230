import { useTranslation } from 'react-i18next';
import type { Report } from '@shared/api/domains/showday';
import { formatCount, formatYuanPlain } from '@shared/format/money';
import { beijingText } from '@shared/time/beijing';

/** Text, or a figure (right-aligned, tabular digits, never broken across lines). */
type Cell = string | { n: string };
const money = (fen: number | null): Cell => (fen === null ? '—' : { n: formatYuanPlain(fen) });
const count = (v: number): Cell => ({ n: formatCount(v) });

function Table({ id, caption, head, rows }: { id: string; caption: string; head: string[]; rows: Cell[][] }) {
  return (
    // Wide tables scroll sideways inside their own box on a narrow screen, never the page.
    <div className="report-table-box">
      <table className="report-table" data-testid={`report-${id}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td
                  key={j}
                  className={typeof c === 'string' ? undefined : 'num'}
                  dir={typeof c === 'string' ? undefined : 'ltr'}
                >
                  {typeof c === 'string' ? c : c.n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const min = (ms: number): Cell => ({ n: (ms / 60_000).toFixed(1) });

/** An instant as Beijing wall-clock time, `2026-11-21 20:05:09`. */
const beijingTime = (at: number) =>
  `${beijingText(at)}:${String(Math.floor(at / 1000) % 60).padStart(2, '0')}`;

/** Every breakdown of the report as tables, with the same headings as the exports. */
export function ReportTables({ r }: { r: Report }) {
  const { t } = useTranslation('showday');
  const h = (k: string) => t(`report.${k}`);
  const g = (k: string) => t(`priceGuard.${k}`);
  return (
    <div className="report-tables">
      <Table
        id="airtime"
        caption={h('sheetAirtime')}
        head={[h('product'), h('airMinutes'), h('unitsOnAir'), h('gmvOnAir'), h('gmvPerAirMinute')]}
        rows={r.airtime.map((a) => [
          a.name,
          min(a.airtimeMs),
          count(a.unitsOnAir),
          money(a.gmvOnAirFen),
          money(a.gmvPerAirMinuteFen),
        ])}
      />
      <Table
        id="products"
        caption={h('sheetProducts')}
        head={[h('product'), h('county'), h('orders'), h('units'), h('gmv')]}
        rows={r.byProduct.map((p) => [
          p.name,
          p.county || '—',
          count(p.orders),
          count(p.units),
          money(p.gmvFen),
        ])}
      />
      <Table
        id="counties"
        caption={h('sheetCounties')}
        head={[h('city'), h('county'), h('units'), h('gmv')]}
        rows={r.byCounty.map((c) => [c.city, c.county || '—', count(c.units), money(c.gmvFen)])}
      />
      <Table
        id="cities"
        caption={h('sheetCities')}
        head={[h('city'), h('units'), h('gmv')]}
        rows={r.byCity.map((c) => [c.city || '—', count(c.units), money(c.gmvFen)])}
      />
      <Table
        id="platforms"
        caption={h('sheetPlatforms')}
        head={[h('platform'), h('orders'), h('units'), h('gmv')]}
        rows={r.byPlatform.map((p) => [
          t(`platform.${p.platform}`),
          count(p.orders),
          count(p.units),
          money(p.gmvFen),
        ])}
      />
      <Table
        id="presenters"
        caption={h('sheetPresenters')}
        head={[h('presenter'), h('airMinutes'), h('units'), h('gmv')]}
        rows={r.byPresenter.map((p) => [
          p.presenter || '—',
          min(p.airtimeMs),
          count(p.units),
          money(p.gmvFen),
        ])}
      />
      <Table
        id="prices"
        caption={g('reportTitle')}
        head={[g('at'), g('product'), g('field'), g('old'), g('new'), g('source'), g('actor'), g('flags')]}
        rows={r.priceChanges.map((c) => [
          beijingTime(c.at),
          c.productName,
          g(`fields.${c.field}`),
          money(c.oldFen),
          money(c.newFen),
          g(`sources.${c.source}`),
          c.actor,
          [
            ...c.reasons.map((x) => t(`shelf:priceGuard.reason.${x}`)),
            ...(c.confirmed ? [g('confirmed')] : []),
          ].join('; '),
        ])}
      />
      {r.priceChanges.length === 0 && <p className="muted">{g('none')}</p>}
    </div>
  );
}
