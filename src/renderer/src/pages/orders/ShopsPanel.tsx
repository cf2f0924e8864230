import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shop, ShopSyncStatus } from '@shared/api/domains/orders';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { formatCount } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';
import { ShopBackfill } from './ShopBackfill';
import { ShopForm } from './ShopForm';

/** Shops with their live sync status, test connection, pause, edit, remove; and the add form. */
export function ShopsPanel({ onShops }: { onShops: (shops: Shop[]) => void }) {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [shops, setShops] = useState<Shop[]>([]);
  const [editing, setEditing] = useState<Shop | null | undefined>(undefined);
  const load = () =>
    void api.shops.list({}).then((r) => {
      if (r.ok) {
        setShops(r.value.shops);
        onShops(r.value.shops);
      }
    });
  useOnConnected(load);
  useStudioEvent('shops.statusChanged', (s) =>
    setShops((list) => list.map((shop) => (shop.id === s.shop ? { ...shop, status: s } : shop))),
  );

  return (
    <section className="card orders-shops" aria-label={t('shops.title')}>
      <header className="orders-section-header">
        <h2>{t('shops.title')}</h2>
        <button type="button" data-testid="shop-add" onClick={() => setEditing(null)}>
          {t('shops.add')}
        </button>
      </header>
      {editing !== undefined && (
        <ShopForm
          shop={editing ?? undefined}
          onDone={() => {
            setEditing(undefined);
            load();
          }}
        />
      )}
      {shops.length === 0 && editing === undefined && <p className="empty-state">{t('shops.empty')}</p>}
      <ul className="orders-shop-list">
        {shops.map((shop) => (
          <ShopRow key={shop.id} shop={shop} onEdit={() => setEditing(shop)} onChanged={load} />
        ))}
      </ul>
    </section>
  );
}

function ShopRow({ shop, onEdit, onChanged }: { shop: Shop; onEdit: () => void; onChanged: () => void }) {
  const { t } = useTranslation('orders');
  const api = useApi();
  // Test connection: while it runs, its round trip when it answered, else its typed error.
  const { error, setError, busy: testing, run } = useAction();
  const [testMs, setTestMs] = useState<number>();
  const [confirming, setConfirming] = useState(false);
  const s = shop.status;

  const test = async () => {
    setTestMs(undefined);
    setError(undefined);
    const tested = await run(() => api.shops.test({ id: shop.id }));
    if (tested) setTestMs(tested.ms);
  };
  const remove = async () => {
    setConfirming(false);
    const r = await api.shops.remove({ id: shop.id });
    if (r.ok) onChanged();
  };

  return (
    <li className="orders-shop" data-testid={`shop-${shop.id}`} data-state={s.state}>
      <div className="orders-shop-head">
        <strong>{shop.label}</strong> <span className="muted">{t(`platform.${shop.platform}`)}</span>
        {shop.simulated && (
          <span className="badge orders-simulated" data-testid="simulated-badge">
            {t('demo.badge')}
          </span>
        )}
        <span className={`badge state-${s.state}`} data-testid="shop-state">
          {t(`shops.state.${s.state}`)}
        </span>
      </div>
      <StatusLine status={s} platform={shop.platform} />
      <div className="actions">
        <button type="button" onClick={() => void api.shops.syncNow({ id: shop.id })}>
          {t('shops.syncNow')}
        </button>
        <button type="button" data-testid="shop-test" onClick={() => void test()}>
          {t('shops.test')}
        </button>
        <button
          type="button"
          onClick={() => void api.shops.setEnabled({ id: shop.id, enabled: !shop.enabled }).then(onChanged)}
        >
          {shop.enabled ? t('shops.disable') : t('shops.enable')}
        </button>
        {!shop.simulated && (
          <button type="button" data-testid="shop-edit" onClick={onEdit}>
            {t('shops.edit')}
          </button>
        )}
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('shops.remove')}
        </button>
      </div>
      {confirming && (
        <div className="orders-confirm" role="alertdialog">
          <p>{t('shops.confirmRemove', { label: shop.label })}</p>
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('shops.confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('shops.cancel')}
          </button>
        </div>
      )}
      {testing && <p className="muted">{t('shops.testing')}</p>}
      {!testing && testMs !== undefined && (
        <p className="ok-text" data-testid="shop-test-ok">
          {t('shops.testOk', { ms: testMs })}
        </p>
      )}
      {!testing && error && <ApiErrorText error={error} />}
      <ShopBackfill shop={shop} />
    </li>
  );
}

/** The create-time query each platform's sweep uses (Taobao's is outside the described API). */
const SWEEP_METHOD: Record<Shop['platform'], string> = {
  kuaishou: 'open.order.cursor.list',
  douyin: 'order.searchList',
  jd: 'jingdong.pop.order.search',
  taobao: 'taobao.trades.sold.get',
};

function StatusLine({ status: s, platform }: { status: ShopSyncStatus; platform: Shop['platform'] }) {
  const { t } = useTranslation('orders');
  return (
    <p className="orders-shop-status" data-testid="shop-status">
      <span>
        {s.lastSuccessAt
          ? t('shops.lastSuccess', {
              time: t('showday:figures2.beijingTime', { time: beijingClock(s.lastSuccessAt, true) }),
            })
          : t('shops.never')}
      </span>
      {s.lagMs !== null && <span>{t('shops.lag', { seconds: Math.round(s.lagMs / 1000) })}</span>}
      <span>{t('shops.lines', { count: s.linesSynced, formatted: formatCount(s.linesSynced) })}</span>
      {s.retries > 0 && <span>{t('shops.retries', { count: s.retries })}</span>}
      {s.errorKind && (
        <span className="error-text" data-testid="shop-error">
          {t(`reason.${s.errorKind}`, { code: '' })}
        </span>
      )}
      {s.retryAt !== null && (
        <span data-testid="shop-retry">
          {t('ordersUi.retryAt', {
            time: t('showday:figures2.beijingTime', { time: beijingClock(s.retryAt, true) }),
          })}
        </span>
      )}
      {s.state === 'error' && s.retryAt === null && s.errorKind && (
        <span className="error-text" data-testid="shop-stopped">
          {t('ordersTrust.stopped')}
        </span>
      )}
      {s.sweepOff && (
        <span className="muted" role="status" data-testid="shop-sweep-off">
          {t('ordersTrust.sweepOff', { method: SWEEP_METHOD[platform] })}
        </span>
      )}
    </p>
  );
}
