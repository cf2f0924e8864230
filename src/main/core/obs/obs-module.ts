import type { obsOperations } from '@shared/api/domains/obs';
import type { OverlayPage } from '../overlays/overlays-module';
import { PendingService } from '../services/pending-service';
import type { StudioContext, StudioModule } from '../studio-context';

export type ObsOperationName = keyof typeof obsOperations;

export type ObsModule = StudioModule<ObsOperationName>;

export function createObsModule(ctx: StudioContext, _deps: { overlayPages: () => OverlayPage[] }): ObsModule {
  return {
    services: [new PendingService('obs', 'status.detail.obsNone', ctx.status)],
    handlers: {},
  };
}
