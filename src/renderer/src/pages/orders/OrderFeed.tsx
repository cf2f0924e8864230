import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderLineView } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { formatYuan } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';

const PLATFORMS: SyncedPlatform[] = ['kuaishou', 'douyin', 'jd', 'taobao'];
const STATUSES = ['unpaid', 'paid', 'shipped', 'completed', 'cancelled'] as const;
/** The feed refreshes at most this often however fast orders arrive. */
const REFRESH_MS = 500;

interface Filter {
  platform: SyncedPlatform | '';
  status: (typeof STATUSES)[number] | '';
  text: string;
  unmappedOnly: boolean;
}

/** The newest order lines, filtered; follows `orders.linesChanged` live. */
export function OrderFeed() {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [filter, setFilter] = useState<Filter>({ platform: '', status: '', text: '', unmappedOnly: false });
  const [lines, setLines] = useState<OrderLineView[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const filterRef = useRef(filter);

  const load = () => {
    const f = filterRef.current;
    void api.orders
      .list({
        ...(f.platform ? { platform: f.platform } : {}),
        ...(f.status ? { status: f.status } : {}),
        text: f.text,
        unmappedOnly: f.unmappedOnly,
        limit: 100,
      })
      .then((r) => r.ok && setLines(r.value.lines));
  };
  useOnConnected(load);
  useEffect(() => {
    filterRef.current = filter;
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter]);
  useEffect(() => () => clearTimeout(timer.current), []);
  useStudioEvent('orders.linesChanged', () => {
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      load();
    }, REFRESH_MS);
  });

  return (
    <section className="card orders-feed" aria-label={t('feed.title')}>
      <h2>{t('feed.title')}</h2>
      <div className="orders-filters">
        <label>
          <span>{t('feed.platform')}</span>
          <select
            data-testid="feed-platform"
            value={filter.platform}
            onChange={(e) => setFilter({ ...filter, platform: e.target.value as Filter['platform'] })}
          >
            <option value="">{t('feed.all')}</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('feed.status')}</span>
          <select
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.target.value as Filter['status'] })}
          >
            <option value="">{t('feed.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orderStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('feed.search')}</span>
          <input
            type="search"
            value={filter.text}
            maxLength={100}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={filter.unmappedOnly}
            onChange={(e) => setFilter({ ...filter, unmappedOnly: e.target.checked })}
          />
          <span>{t('feed.unmappedOnly')}</span>
        </label>
      </div>
      {lines.length === 0 ? (
        <p className="empty-state">{t('feed.empty')}</p>
      ) : (
        <table className="orders-table" data-testid="order-feed">
          <thead>
            <tr>
              <th>{t('feed.col.time')}</th>
              <th>{t('feed.col.platform')}</th>
              <th>{t('feed.col.order')}</th>
              <th>{t('feed.col.product')}</th>
              <th className="num">{t('feed.col.quantity')}</th>
              <th className="num">{t('feed.col.amount')}</th>
              <th>{t('feed.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={`${l.platform}/${l.shopId}/${l.orderId}/${l.lineId}`} data-testid="order-line">
                <td>{beijingClock(l.updatedAt, true)}</td>
                <td>{t(`platform.${l.platform}`)}</td>
                <td>
                  <code>{l.orderId}</code>
                </td>
                <td>
                  {l.title}
                  {l.productId === null && <span className="badge warning">{t('feed.unmapped')}</span>}
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">{formatYuan(l.paidFen)}</td>
                <td>
                  {t(`orderStatus.${l.status}`)}
                  {l.refundState !== 'none' && <span className="badge">{t(`refund.${l.refundState}`)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
