import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shop } from '@shared/api/domains/orders';
import { FiguresPanel } from './FiguresPanel';
import { OrderFeed } from './OrderFeed';
import { PushPanel } from './PushPanel';
import { ShopsPanel } from './ShopsPanel';
import { UnmappedPanel } from './UnmappedPanel';
import './orders.css';

/** Orders: live figures, shops and their sync status, the order feed, and the unmapped queue. */
export function OrdersPage() {
  const { t } = useTranslation('orders');
  const [shops, setShops] = useState<Shop[]>([]);
  const simulated = shops.some((s) => s.simulated);
  return (
    <section className="page orders-page" data-testid="page-orders">
      <header className="page-header">
        <h1>
          {t('common:page.orders.title')}
          {simulated && (
            <span className="badge orders-simulated" data-testid="demo-badge">
              {t('demo.badge')}
            </span>
          )}
        </h1>
        <p>{t('common:page.orders.description')}</p>
        {simulated && (
          <p className="orders-demo-note" role="note">
            {t('demo.note')}
          </p>
        )}
      </header>
      <FiguresPanel />
      <ShopsPanel onShops={setShops} />
      <PushPanel />
      <OrderFeed />
      <UnmappedPanel />
    </section>
  );
}
