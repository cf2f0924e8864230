import type { eventOperations } from '@shared/api/domains/event';
import type { OrdersModule } from '../orders';
import type { StudioContext, StudioModule } from '../studio-context';
import type { BoothOnAirNow } from './booth-state';
import { EventService, eventOptionsFrom, type EventOptions } from './event-service';

export type EventOperationName = keyof typeof eventOperations;

export interface EventModule extends StudioModule<EventOperationName> {
  service: EventService;
}

/** Event mode, as the entry point parsed its flags and environment (StudioOptions.event). */
export function createEventModule(
  ctx: StudioContext,
  deps: { orders: OrdersModule; options?: EventOptions; onAirNow?: () => BoothOnAirNow },
): EventModule {
  const service = new EventService(
    ctx,
    deps.orders.service,
    deps.options ?? eventOptionsFrom([], {}),
    deps.onAirNow,
  );
  return {
    service,
    services: [service],
    handlers: {
      'event.figures': () => service.figures(),
      'event.status': () => service.status(),
      'event.shelfAdd': ({ productIds }) => service.shelfAdd(productIds),
      'event.addBooth': ({ booth }) => service.addBooth(booth),
    },
  };
}
