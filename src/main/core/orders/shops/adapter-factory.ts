import { ApiFailure } from '@shared/api/errors';
import type { PlatformAdapter } from '../platform-adapter';
import { DouyinAdapter } from '../platforms/douyin';
import { createJdAdapter } from '../platforms/jd';
import { createTaobaoAdapter } from '../platforms/taobao';
import type { TokenKeeper } from '../platform-adapter';
import { KuaishouAdapter } from '../platforms/kuaishou';
import type { ShopRecord, ShopSecrets } from './shop-store';

const missing = (shop: ShopRecord, name: string) =>
  new ApiFailure('unavailable', `shop ${shop.id} has no ${name}`, {
    key: 'orders:reason.no_credentials',
    params: { field: name },
  });

/** Builds the platform adapter for a shop from its settings and opened secrets. */
export function createAdapter(
  shop: ShopRecord,
  secrets: ShopSecrets,
  tokens: TokenKeeper,
  clock: () => number = Date.now,
): PlatformAdapter {
  const need = (name: keyof ShopSecrets): string => {
    const v = secrets[name];
    if (!v) throw missing(shop, name);
    return v;
  };
  const baseUrl = shop.gateway || undefined;
  switch (shop.platform) {
    case 'kuaishou':
      return new KuaishouAdapter(
        {
          appKey: shop.appKey,
          appSecret: need('appSecret'),
          signSecret: need('signSecret'),
          accessToken: need('accessToken'),
          refreshToken: secrets.refreshToken ?? '',
          signMethod: shop.signMethod === 'md5' ? 'MD5' : 'HMAC_SHA256',
        },
        { shopId: shop.shopId, baseUrl, tokens, clock },
      );
    case 'douyin':
      return new DouyinAdapter(
        {
          appKey: shop.appKey,
          appSecret: need('appSecret'),
          accessToken: need('accessToken'),
          refreshToken: secrets.refreshToken ?? '',
          signMethod: shop.signMethod,
        },
        { shopId: shop.shopId, baseUrl, tokens, clock },
      );
    case 'jd':
      return createJdAdapter(
        {
          appKey: shop.appKey,
          appSecret: need('appSecret'),
          accessToken: need('accessToken'),
          signMethod: shop.signMethod === 'md5' ? 'md5' : 'hmacsha256',
        },
        { shopId: shop.shopId, baseUrl, clock },
      );
    case 'taobao':
      // TOP's HMAC variant is HMAC-MD5; the shop form labels it so for Taobao shops.
      return createTaobaoAdapter(
        {
          appKey: shop.appKey,
          appSecret: need('appSecret'),
          session: need('accessToken'),
          signMethod: shop.signMethod === 'md5' ? 'md5' : 'hmac',
        },
        { shopId: shop.shopId, baseUrl, clock },
      );
  }
}
