import type { ordersOperations } from '@shared/api/domains/orders';
import type { ShelfModule } from '../shelf/shelf-module';
import type { StudioContext, StudioModule } from '../studio-context';
import { ordersHandlers } from './orders-handlers';
import { OrdersService } from './orders-service';

export type OrdersOperationName = keyof typeof ordersOperations;

export interface OrdersModule extends StudioModule<OrdersOperationName> {
  /** Sync, ledger and live figures (for other areas and tests). */
  service: OrdersService;
}

/** Demo mode: SHELFCAST_DEMO=1 or `--demo` on the command line, read once when the studio is built. */
export function createOrdersModule(ctx: StudioContext, deps: { shelf: ShelfModule }): OrdersModule {
  const service = new OrdersService(ctx, deps.shelf.catalog, {
    demo: process.env.SHELFCAST_DEMO === '1' || process.argv.includes('--demo'),
  });
  return { service, services: [service], handlers: ordersHandlers(ctx, service, deps.shelf.catalog) };
}
