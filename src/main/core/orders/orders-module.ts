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

/** `demo`: run simulated shops on loopback (the entry point's `--demo` / SHELFCAST_DEMO=1). */
export function createOrdersModule(
  ctx: StudioContext,
  deps: { shelf: ShelfPort; demo: boolean },
): OrdersModule {
  const service = new OrdersService(ctx, deps.shelf.reader, { demo: deps.demo });
  const port = ordersPortOf(ctx, service, deps.shelf.reader);
  return {
    ...port,
    service,
    services: [service],
    handlers: ordersHandlers(ctx, service, deps.shelf.reader),
  };
}
