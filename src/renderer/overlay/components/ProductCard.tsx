import { localName } from '@shared/overlays/overlay-ids';
import type { OverlaySections } from '@shared/overlays/overlay-state';
import { FitText } from '../FitText';
import { useOverlayEnv } from '../overlay-env';
import { discount, yuan } from '../overlay-text';

type Card = NonNullable<OverlaySections['productCard']['product']>;

/** Product card: image, name, origin, specification, live price, list price, discount, cart link, stock. */
export function ProductCard({ product }: { product: Card }) {
  const { t, language, imageUrl, logo } = useOverlayEnv();
  const name = localName(product.name, language);
  const off = discount(product.livePriceFen, product.listPriceFen);
  const total = product.stock + product.sold;
  const left = total > 0 ? product.stock / total : 0;
  const src = product.image ? imageUrl(product.image) : null;
  return (
    <div
      className="ov-panel ov-card"
      data-overlay="product-card"
      data-testid="product-card"
      data-product-id={product.id}
    >
      <div className="ov-card-image">
        {src ? <img src={src} alt={name} /> : <span className="ov-card-initial">{[...name][0]}</span>}
      </div>
      <div className="ov-card-body">
        <FitText className="ov-card-name" max={52} min={24} fill>
          {name}
        </FitText>
        <div className="ov-card-origin">
          {t('origin', { place: `${product.city}${product.county}` })}
          {product.specification && <span className="ov-card-spec">{product.specification}</span>}
        </div>
        <div className="ov-card-prices">
          <span className="ov-price" data-testid="live-price">
            {yuan(product.livePriceFen)}
          </span>
          {off && <s className="ov-list-price">{yuan(product.listPriceFen)}</s>}
          {off && (
            <span className="ov-discount">
              {t('discount', { value: language === 'zh-CN' ? off.zhe : off.percent })}
            </span>
          )}
        </div>
        <div className="ov-card-foot">
          {product.cartLinkNo !== null && (
            <span className="ov-cart-link">{t('cartLink', { n: product.cartLinkNo })}</span>
          )}
          <div className="ov-stock">
            <div className="ov-stock-bar">
              <i style={{ inlineSize: `${Math.round(left * 100)}%` }} />
            </div>
            <span>{t('stockLeft', { n: product.stock })}</span>
            {product.sold > 0 && <span>{t('sold', { n: product.sold })}</span>}
          </div>
        </div>
      </div>
      {logo && <div className="ov-logo">{logo}</div>}
      {product.stock === 0 && (
        <div className="ov-stamp" data-testid="sold-out-stamp">
          {t('soldOut')}
        </div>
      )}
    </div>
  );
}
