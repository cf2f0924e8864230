import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import type { Report } from '@shared/api/domains/showday';

type Cell = string | number;

function Table({ id, caption, head, rows }: { id: string; caption: string; head: string[]; rows: Cell[][] }) {
  return (
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
              <td key={j} className={typeof c === 'number' ? 'num' : undefined}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const min = (ms: number) => (ms / 60_000).toFixed(1);

/** An instant as Beijing wall-clock time, `2026-11-21 20:05:09`. */
const beijingTime = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

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
          a.unitsOnAir,
          formatFen(a.gmvOnAirFen),
          a.gmvPerAirMinuteFen === null ? '—' : formatFen(a.gmvPerAirMinuteFen),
        ])}
      />
      <Table
        id="products"
        caption={h('sheetProducts')}
        head={[h('product'), h('county'), h('orders'), h('units'), h('gmv')]}
        rows={r.byProduct.map((p) => [p.name, p.county, p.orders, p.units, formatFen(p.gmvFen)])}
      />
      <Table
        id="counties"
        caption={h('sheetCounties')}
        head={[h('city'), h('county'), h('units'), h('gmv')]}
        rows={r.byCounty.map((c) => [c.city, c.county, c.units, formatFen(c.gmvFen)])}
      />
      <Table
        id="cities"
        caption={h('sheetCities')}
        head={[h('city'), h('units'), h('gmv')]}
        rows={r.byCity.map((c) => [c.city, c.units, formatFen(c.gmvFen)])}
      />
      <Table
        id="platforms"
        caption={h('sheetPlatforms')}
        head={[h('platform'), h('orders'), h('units'), h('gmv')]}
        rows={r.byPlatform.map((p) => [t(`platform.${p.platform}`), p.orders, p.units, formatFen(p.gmvFen)])}
      />
      <Table
        id="presenters"
        caption={h('sheetPresenters')}
        head={[h('presenter'), h('airMinutes'), h('units'), h('gmv')]}
        rows={r.byPresenter.map((p) => [p.presenter || '—', min(p.airtimeMs), p.units, formatFen(p.gmvFen)])}
      />
      <Table
        id="prices"
        caption={g('reportTitle')}
        head={[g('at'), g('product'), g('field'), g('old'), g('new'), g('source'), g('actor'), g('flags')]}
        rows={r.priceChanges.map((c) => [
          beijingTime(c.at),
          c.productName,
          g(`fields.${c.field}`),
          c.oldFen === null ? '—' : formatFen(c.oldFen),
          c.newFen === null ? '—' : formatFen(c.newFen),
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
