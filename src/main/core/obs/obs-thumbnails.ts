import type { Camera } from '@shared/api/domains/obs';
import { ObsError } from './obs-errors';
import type { ObsSession } from './obs-session';

export interface Thumbnail {
  preset: string;
  imageData: string | null;
  at: number;
}

/**
 * Camera strip screenshots (GetSourceScreenshot). Throttled: at most one round per
 * `minIntervalMs`, shared by every viewer asking meanwhile, so four tablets polling the
 * camera strip cost OBS no more than one.
 */
export class ThumbnailCache {
  private last: { at: number; width: number; shots: Thumbnail[] } | undefined;
  private inFlight: Promise<Thumbnail[]> | undefined;

  constructor(private readonly minIntervalMs = 1000) {}

  get(session: ObsSession, cameras: Camera[], width: number): Promise<Thumbnail[]> {
    const fresh = this.last && this.last.width === width && Date.now() - this.last.at < this.minIntervalMs;
    if (fresh) return Promise.resolve(this.last!.shots);
    this.inFlight ??= this.take(session, cameras, width).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  clear(): void {
    this.last = undefined;
  }

  private async take(session: ObsSession, cameras: Camera[], width: number): Promise<Thumbnail[]> {
    const shots = await Promise.all(
      cameras.map(async (c) => {
        const sourceName = c.kind === 'source' && c.sourceName ? c.sourceName : c.sceneName;
        try {
          const r = await session.call('GetSourceScreenshot', {
            sourceName,
            imageFormat: 'jpg',
            imageWidth: width,
            imageCompressionQuality: 60,
          });
          return { preset: c.preset, imageData: r.imageData, at: Date.now() };
        } catch (err) {
          if (err instanceof ObsError && err.code === 'request_failed')
            return { preset: c.preset, imageData: null, at: Date.now() };
          throw err;
        }
      }),
    );
    this.last = { at: Date.now(), width, shots };
    return shots;
  }
}
