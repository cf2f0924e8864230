import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import type { Dashboard } from '@shared/api/domains/showday';

/** Per product, per county, platform split and sync lag per shop. */
export function FigureTables({ data }: { data: Dashboard }) {
  const { t } = useTranslation('showday');
  const total = Math.max(1, data.totals.gmvFen);
  return (
    <div className="dash-tables">
      <table data-testid="dash-products">
        <caption>{t('dash.products')}</caption>
        <tbody>
          {data.byProduct.slice(0, 12).map((p) => (
            <tr key={p.productId} data-product-id={p.productId}>
              <td>{p.name}</td>
              <td>{p.county}</td>
              <td className="num">{p.units}</td>
              <td className="num" dir="ltr">
                {t('money', { value: formatFen(p.gmvFen) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="dash-counties">
        <caption>{t('dash.counties')}</caption>
        <tbody>
          {data.byCounty.slice(0, 12).map((c) => (
            <tr key={`${c.city}/${c.county}`}>
              <td>{c.city}</td>
              <td>{c.county}</td>
              <td className="num">{c.units}</td>
              <td className="num" dir="ltr">
                {t('money', { value: formatFen(c.gmvFen) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section data-testid="dash-platforms">
        <h3>{t('dash.platforms')}</h3>
        {data.byPlatform.map((p) => (
          <div key={p.platform} className="platform-bar" data-platform={p.platform}>
            <span>{t(`platform.${p.platform}`)}</span>
            <span className="platform-track">
              <span className="platform-fill" style={{ inlineSize: `${(p.gmvFen / total) * 100}%` }} />
            </span>
            <span className="num" dir="ltr">
              {t('money', { value: formatFen(p.gmvFen) })}
            </span>
          </div>
        ))}
      </section>
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
    </div>
  );
}
