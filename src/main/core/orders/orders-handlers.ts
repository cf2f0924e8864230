import type { OrderLineView } from '@shared/api/domains/orders';
import { ApiFailure } from '@shared/api/errors';
import { beijingStartOfDay } from '@shared/time/beijing';
import type { Handlers } from '../api/dispatcher';
import type { ShelfReader } from '../shelf';
import type { StudioContext } from '../studio-context';
import { KUAISHOU_DEFAULT_KEY_ENCODING, kuaishouKeyBytes } from './push/kuaishou-push';
import { ordersPortOf } from './orders-port';
import type { OrdersOperationName } from './orders-module';
import type { OrdersService } from './orders-service';

interface LineRow {
  platform: OrderLineView['platform'];
  shop_id: string;
  order_id: string;
  line_id: string;
  status: OrderLineView['status'];
  refund_state: OrderLineView['refundState'];
  item_id: string;
  sku_id: string;
  title: string;
  quantity: number;
  paid_fen: number;
  created_at: number;
  paid_at: number | null;
  updated_at: number;
  product_id: number | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** API handlers of the orders area: figures, the order feed, the unmapped queue, shops. */
export function ordersHandlers(
  ctx: StudioContext,
  service: OrdersService,
  shelf: ShelfReader,
): Pick<Handlers, OrdersOperationName> {
  const port = ordersPortOf(ctx, service, shelf);
  return {
    'orders.figures': ({ showId }) => port.figures(showId),
    'orders.timeline': ({ showId, since }) => ({ minutes: port.timeline(showId, since) }),
    'orders.list': (q) => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      const add = (clause: string, ...values: (string | number)[]) => {
        where.push(clause);
        args.push(...values);
      };
      if (q.platform) add('platform = ?', q.platform);
      if (q.status) add('status = ?', q.status);
      if (q.refunded !== undefined)
        where.push(q.refunded ? "refund_state <> 'none'" : "refund_state = 'none'");
      if (q.unmappedOnly) where.push('product_id IS NULL');
      if (q.productId) add('product_id = ?', q.productId);
      if (q.text) {
        const like = `%${escapeLike(q.text)}%`;
        add("(order_id LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')", like, like);
      }
      const rows = ctx
        .db()
        .prepare<(string | number)[], LineRow>(
          `SELECT platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id, title, quantity, paid_fen,
             created_at, paid_at, updated_at, product_id
           FROM order_line ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY updated_at DESC LIMIT ?`,
        )
        .all(...args, q.limit);
      return {
        lines: rows.map((r) => ({
          platform: r.platform,
          shopId: r.shop_id,
          orderId: r.order_id,
          lineId: r.line_id,
          status: r.status,
          refundState: r.refund_state,
          itemId: r.item_id,
          skuId: r.sku_id,
          title: r.title,
          quantity: r.quantity,
          paidFen: r.paid_fen,
          createdAt: r.created_at,
          paidAt: r.paid_at,
          updatedAt: r.updated_at,
          productId: r.product_id,
        })),
      };
    },
    'orders.unmapped': () => ({ skus: service.ledger.unmapped.list() }),
    'orders.resolveUnmapped': ({ platform, skuId, productId }) => {
      if (!shelf.getProduct(productId))
        throw new ApiFailure('not_found', `no product ${productId}`, {
          key: 'orders:errors.noProduct',
          params: { id: productId },
        });
      return { lines: service.ledger.resolveUnmapped(platform, skuId, productId) };
    },
    'shops.list': () => ({ shops: port.shopLags() }),
    'orders.pushSettings': () => service.push.settings(),
    'orders.setPushSettings': (patch) => service.push.setSettings(patch),
    'orders.pushStatus': () => service.push.status(),
    'shops.save': async ({
      appSecret,
      signSecret,
      accessToken,
      refreshToken,
      pushKey,
      syncFrom,
      ...shop
    }) => {
      if (pushKey !== undefined) checkPushKey(shop.platform, pushKey);
      // A new shop reads from the operator's start point, by default the start of today in Beijing.
      const start =
        shop.id === undefined
          ? service.checkStart(shop.platform, syncFrom ?? beijingStartOfDay(service.now()))
          : undefined;
      const saved = service.shops.save(shop, { appSecret, signSecret, accessToken, refreshToken, pushKey });
      if (start !== undefined) service.setStartPoint(saved.id, start);
      await service.restartShop(saved.id);
      return service.view(saved);
    },
    'shops.remove': async ({ id }) => {
      service.shops.remove(id);
      await service.restartShop(id);
      return {};
    },
    'shops.setEnabled': async ({ id, enabled }) => {
      const shop = service.shops.setEnabled(id, enabled);
      await service.restartShop(id);
      return service.view(shop);
    },
    'shops.test': async ({ id }) => ({ ok: true as const, ms: await service.test(id) }),
    'shops.backfill': ({ id, from, to }) => ({ windows: service.backfill(id, from, to) }),
    'shops.syncNow': async ({ id }) => {
      await service.syncNowByOperator(id);
      return {};
    },
  };
}

/** Only Kuaishou has a push key, and it must be an AES key (16/24/32 bytes, Base64 as the console shows it). */
function checkPushKey(platform: string, pushKey: string): void {
  if (platform !== 'kuaishou')
    throw new ApiFailure('bad_request', 'a push key is for Kuaishou shops only', {
      key: 'orders:errors.pushKeyKuaishouOnly',
    });
  try {
    kuaishouKeyBytes(pushKey, KUAISHOU_DEFAULT_KEY_ENCODING);
  } catch {
    throw new ApiFailure(
      'bad_request',
      'the Kuaishou push key is not a Base64 AES key of 16, 24 or 32 bytes',
      {
        key: 'orders:errors.pushKeyInvalid',
      },
    );
  }
}
