import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnmappedSku } from '@shared/api/domains/orders';
import type { Product } from '@shared/api/domains/shelf';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { formatCount, formatYuan } from '@shared/format/money';

/** SKUs sold that map to no shelf product: pick the product once, and every order of it follows. */
export function UnmappedPanel() {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [skus, setSkus] = useState<UnmappedSku[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [choice, setChoice] = useState<Record<string, number>>({});
  const { error, setError, run } = useAction();
  const [notice, setNotice] = useState<string>();
  const load = () => void api.orders.unmapped({}).then((r) => r.ok && setSkus(r.value.skus));
  useOnConnected(() => {
    load();
    void api.shelf.search({ limit: 1000 }).then((r) => r.ok && setProducts(r.value.items));
  });
  useStudioEvent('orders.linesChanged', (e) => {
    if (e.lines.some((l) => l.productId === null)) load();
  });

  const resolve = async (sku: UnmappedSku) => {
    const productId = choice[`${sku.platform}/${sku.skuId}`];
    if (!productId) return;
    setError(undefined);
    const done = await run(() =>
      api.orders.resolveUnmapped({ platform: sku.platform, skuId: sku.skuId, productId }),
    );
    if (!done) return;
    setNotice(t('unmapped.resolved', { count: done.lines }));
    load();
  };

  return (
    <section className="card orders-unmapped" aria-label={t('unmapped.title')}>
      <h2>{t('unmapped.title')}</h2>
      {notice && <p className="ok-text">{notice}</p>}
      {error && <ApiErrorText error={error} />}
      {skus.length === 0 ? (
        <p className="empty-state">{t('unmapped.empty')}</p>
      ) : (
        <ul className="orders-unmapped-list">
          {skus.map((sku) => {
            const key = `${sku.platform}/${sku.skuId}`;
            return (
              <li key={key} data-testid="unmapped-sku">
                <div>
                  <strong>{sku.title}</strong> <span className="muted">{t(`platform.${sku.platform}`)}</span>{' '}
                  <code>{sku.skuId}</code>
                </div>
                <div className="muted">
                  {t('unmapped.summary', {
                    lines: formatCount(sku.lines),
                    units: formatCount(sku.units),
                    amount: formatYuan(sku.gmvFen),
                  })}
                </div>
                <label>
                  <span>{t('unmapped.product')}</span>
                  <select
                    value={choice[key] ?? ''}
                    onChange={(e) => setChoice({ ...choice, [key]: Number(e.target.value) })}
                  >
                    <option value="">{t('unmapped.choose')}</option>
                    {products.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.nameZh}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" disabled={!choice[key]} onClick={() => void resolve(sku)}>
                  {t('unmapped.resolve')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
