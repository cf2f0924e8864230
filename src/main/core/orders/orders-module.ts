import type { ordersOperations } from '@shared/api/domains/orders';
import type { ShelfPort } from '../shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import { ordersHandlers } from './orders-handlers';
import { OrdersService } from './orders-service';
import { ordersPortOf } from './orders-port';
import type { OrdersPort } from './index';

export type OrdersOperationName = keyof typeof ordersOperations;

export interface OrdersModule extends StudioModule<OrdersOperationName>, OrdersPort {
  /** Sync, ledger and live figures (for other areas and tests). */
  service: OrdersService;
}

/** Demo mode: SHELFCAST_DEMO=1 or `--demo` on the command line, read once when the studio is built. */
export function createOrdersModule(ctx: StudioContext, deps: { shelf: ShelfPort }): OrdersModule {
  const service = new OrdersService(ctx, deps.shelf.catalog, {
    demo: process.env.SHELFCAST_DEMO === '1' || process.argv.includes('--demo'),
  });
  const port = ordersPortOf(ctx, service);
  return {
    ...port,
    service,
    services: [service],
    handlers: ordersHandlers(ctx, service, deps.shelf.catalog),
  };
}
