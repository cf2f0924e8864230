import type { obsOperations } from '@shared/api/domains/obs';
import type { OverlayPage } from '../overlays';
import type { StudioContext, StudioModule } from '../studio-context';
import type { ConnectionTiming } from './obs-connection';
import { CueObs } from './cue-obs';
import { obsHandlers } from './obs-handlers';
import { ObsService } from './obs-service';
import type { ObsPort } from './index';

export type ObsOperationName = keyof typeof obsOperations;

export interface ObsModule extends StudioModule<ObsOperationName> {
  /** The OBS connections (for tests and benchmarks in the same process). */
  service: ObsService;
  /** What show day may call: the cue batch, preview, camera N, chapters, program checks. */
  cues: ObsPort;
}

export function createObsModule(
  ctx: StudioContext,
  deps: { overlayPages: () => OverlayPage[]; timing?: ConnectionTiming },
): ObsModule {
  const service = new ObsService(ctx, deps.timing);
  return {
    service,
    cues: new CueObs({ service }, deps.overlayPages, ctx.logs.logger('showday').child('obs')),
    services: [service],
    handlers: obsHandlers(service, deps.overlayPages),
  };
}
