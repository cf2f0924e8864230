import type { obsOperations } from '@shared/api/domains/obs';
import type { OverlayPage } from '../overlays/overlays-module';
import type { StudioContext, StudioModule } from '../studio-context';
import type { ConnectionTiming } from './obs-connection';
import { obsHandlers } from './obs-handlers';
import { ObsService } from './obs-service';

export type ObsOperationName = keyof typeof obsOperations;

export interface ObsModule extends StudioModule<ObsOperationName> {
  /** The OBS connections; show day calls `service.applyCue(...)` to put a camera and items on air in one batch. */
  service: ObsService;
}

export function createObsModule(
  ctx: StudioContext,
  deps: { overlayPages: () => OverlayPage[]; timing?: ConnectionTiming },
): ObsModule {
  const service = new ObsService(ctx, deps.timing);
  return {
    service,
    services: [service],
    handlers: obsHandlers(service, deps.overlayPages),
  };
}
