import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesFigures } from '@shared/api/domains/orders';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { formatCount, formatYuan } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';

/** Live totals and per-platform figures; moves with every `orders.figuresChanged`. */
export function FiguresPanel() {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [figures, setFigures] = useState<SalesFigures>();
  useOnConnected(() => {
    void api.orders.figures({}).then((r) => r.ok && setFigures(r.value));
  });
  useStudioEvent('orders.figuresChanged', (f) => {
    if (f.showId === null) setFigures(f);
  });
  if (!figures) return null;
  const tiles = [
    { key: 'orders', label: t('figures.orders'), value: formatCount(figures.totals.orders) },
    { key: 'units', label: t('figures.units'), value: formatCount(figures.totals.units) },
    { key: 'gmv', label: t('figures.gmv'), value: formatYuan(figures.totals.gmvFen) },
    { key: 'refunded', label: t('figures.refunded'), value: formatYuan(figures.totals.refundedFen) },
  ];
  return (
    <section className="card orders-figures" aria-label={t('figures.title')}>
      <h2>{t('figures.title')}</h2>
      <div className="orders-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className="orders-tile" data-testid={`figure-${tile.key}`}>
            <span className="orders-tile-label">{tile.label}</span>
            <strong className="orders-tile-value">{tile.value}</strong>
          </div>
        ))}
      </div>
      {figures.byPlatform.length > 0 && (
        <ul className="orders-platforms" aria-label={t('figures.byPlatform')}>
          {figures.byPlatform.map((p) => (
            <li key={p.platform} data-testid={`figure-platform-${p.platform}`}>
              <span>{t(`platform.${p.platform}`)}</span> <strong>{formatYuan(p.gmvFen)}</strong>{' '}
              <span className="muted">{formatCount(p.orders)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted orders-updated">
        {t('figures.updated', {
          time: t('showday:figures2.beijingTime', { time: beijingClock(figures.at, true) }),
        })}
      </p>
    </section>
  );
}
