import { useTranslation } from 'react-i18next';
import type { Dashboard } from '@shared/api/domains/showday';
import { formatCount, formatYuan } from '@shared/format/money';
import { ProductPhoto } from './ProductPhoto';

/** Top products (with photos), county and city leaderboards, platform split and sync lag per shop. */
export function FigureTables({ data, big = false }: { data: Dashboard; big?: boolean }) {
  const { t } = useTranslation('showday');
  const total = Math.max(1, data.totals.gmvFen);
  const rows = big ? 5 : 12;
  return (
    <div className="dash-tables">
      <table data-testid="dash-products" className="dash-products">
        <caption>{t('dash.products')}</caption>
        <thead>
          <tr>
            <th scope="col" className="rank">
              {t('figures2.rank')}
            </th>
            <th scope="col">{t('figures2.product')}</th>
            {!big && <th scope="col">{t('figures2.county')}</th>}
            <th scope="col" className="num">
              {t('dash.units')}
            </th>
            <th scope="col" className="num">
              {t('figures2.gmv')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.byProduct.slice(0, rows).map((p, i) => (
            <tr key={p.productId} data-product-id={p.productId}>
              <td className="rank">{i + 1}</td>
              <td>
                <span className="dash-product-cell">
                  <ProductPhoto imageId={p.imageId ?? null} name={p.name} />
                  <span>
                    {p.name}
                    {/* On the big screen the county goes under the name: one column fewer to read. */}
                    {big && p.county && <small className="dash-sub">{p.county}</small>}
                  </span>
                </span>
              </td>
              {!big && <td>{p.county || '—'}</td>}
              <td className="num" dir="ltr">
                {formatCount(p.units)}
              </td>
              <td className="num" dir="ltr">
                {formatYuan(p.gmvFen)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Leaderboard
        testId="dash-counties"
        caption={t('dash.counties')}
        head={big ? [t('figures2.county')] : [t('figures2.county'), t('figures2.city')]}
        rows={data.byCounty.slice(0, rows).map((c) => ({
          key: `${c.city}/${c.county}`,
          // A city without counties (嘉峪关市) is its own county-level unit.
          cells: big ? [c.county || c.city] : [c.county || c.city, c.city],
          sub: big && c.county ? c.city : undefined,
          units: c.units,
          gmvFen: c.gmvFen,
        }))}
      />
      <Leaderboard
        testId="dash-cities"
        caption={t('figures2.cities')}
        head={[t('figures2.city')]}
        rows={(data.byCity ?? []).slice(0, rows).map((c) => ({
          key: c.city,
          cells: [c.city || t('figures2.noCity')],
          units: c.units,
          gmvFen: c.gmvFen,
        }))}
      />
      <section data-testid="dash-platforms" className="dash-platforms">
        <h3>{t('dash.platforms')}</h3>
        {data.byPlatform.map((p) => (
          <div key={p.platform} className="platform-bar" data-platform={p.platform}>
            <span>{t(`platform.${p.platform}`)}</span>
            <span className="platform-track">
              <span className="platform-fill" style={{ inlineSize: `${(p.gmvFen / total) * 100}%` }} />
            </span>
            <span className="num" dir="ltr">
              {formatYuan(p.gmvFen)} · {Math.round((p.gmvFen / total) * 100)}%
            </span>
          </div>
        ))}
      </section>
      {!big && (
        <section data-testid="dash-shops">
          <h3>{t('dash.shops')}</h3>
          {data.shops.length === 0 && <p className="muted">{t('dash.noShops')}</p>}
          <ul>
            {data.shops.map((s) => (
              <li key={s.shop} data-state={s.state}>
                {t(`platform.${s.platform}`)} · {s.label}:{' '}
                {s.lagMs === null
                  ? t('dash.lagUnknown')
                  : t('dash.lag', { seconds: Math.round(s.lagMs / 1000) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Leaderboard({
  testId,
  caption,
  head,
  rows,
}: {
  testId: string;
  /** Also the table's class (the big screen places it by that name). */
  caption: string;
  head: string[];
  rows: { key: string; cells: string[]; sub?: string; units: number; gmvFen: number }[];
}) {
  const { t } = useTranslation('showday');
  return (
    <table data-testid={testId} className={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="rank">
            {t('figures2.rank')}
          </th>
          {head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
          <th scope="col" className="num">
            {t('dash.units')}
          </th>
          <th scope="col" className="num">
            {t('figures2.gmv')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.key}>
            <td className="rank">{i + 1}</td>
            {r.cells.map((c, j) => (
              <td key={j}>
                {c}
                {j === 0 && r.sub && <small className="dash-sub">{r.sub}</small>}
              </td>
            ))}
            <td className="num" dir="ltr">
              {formatCount(r.units)}
            </td>
            <td className="num" dir="ltr">
              {formatYuan(r.gmvFen)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
