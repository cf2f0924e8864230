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

export interface SceneShot {
  sceneName: string;
  imageData: string | null;
  at: number;
}

/**
 * Screenshots of whole scenes for the composite preview (program, or the scene GO will put on
 * program). Refreshed a few times a second while a preview is visible, so it is throttled per
 * scene and width: viewers asking within `minIntervalMs` share one GetSourceScreenshot.
 */
export class SceneShotCache {
  private readonly last = new Map<string, SceneShot>();
  private readonly inFlight = new Map<string, Promise<SceneShot>>();

  constructor(
    private readonly minIntervalMs = 200,
    private readonly now: () => number = Date.now,
  ) {}

  get(session: ObsSession, sceneName: string, width: number): Promise<SceneShot> {
    const key = `${width}\n${sceneName}`;
    const last = this.last.get(key);
    if (last && this.now() - last.at < this.minIntervalMs) return Promise.resolve(last);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.take(session, sceneName, width, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  clear(): void {
    this.last.clear();
  }

  private async take(session: ObsSession, sceneName: string, width: number, key: string): Promise<SceneShot> {
    let imageData: string | null = null;
    try {
      const r = await session.call('GetSourceScreenshot', {
        sourceName: sceneName,
        imageFormat: 'jpg',
        imageWidth: width,
        imageCompressionQuality: 70,
      });
      imageData = r.imageData;
    } catch (err) {
      // A scene renamed or deleted in OBS: the preview shows the neutral stage, not an error.
      if (!(err instanceof ObsError && err.code === 'request_failed')) throw err;
    }
    const shot = { sceneName, imageData, at: this.now() };
    // Bounded: scenes a preview looked at (a studio has tens, not thousands).
    if (this.last.size >= 64) this.last.clear();
    this.last.set(key, shot);
    return shot;
  }
}
