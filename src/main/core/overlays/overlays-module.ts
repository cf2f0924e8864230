import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { overlaysOperations } from '@shared/api/domains/overlays';
import { stageSize, type Orientation } from '@shared/overlay-layout/safe-area';
import { overlayIds, type OverlayId } from '@shared/overlays/overlay-state';
import type { StudioService } from '../services/service';
import type { ShelfPort } from '../shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import { overlayHandlers } from './overlay-handlers';
import { OverlayHealthMonitor } from './overlay-health-monitor';
import { overlayControlsOf } from './overlay-port';
import { OverlayServer } from './overlay-server';
import { OverlayStateService } from './overlay-service';
import type { OverlaysPort } from './index';

export type OverlaysOperationName = keyof typeof overlaysOperations;

/** One overlay page as an OBS browser source should load it. */
export interface OverlayPage {
  /** Stable id, e.g. `product-card` (an OverlayId). */
  id: string;
  /** Browser source name in OBS, e.g. `ShelfCast · Product card`. */
  sourceName: string;
  /** Full URL including the overlay token. */
  url: string;
  width: number;
  height: number;
  orientation: Orientation;
  /** False while the server listens on loopback only (a LAN tablet cannot load the URL). */
  lanReachable: boolean;
}

export interface OverlaysModule extends StudioModule<OverlaysOperationName>, OverlaysPort {
  /** The overlay state (for tests and benchmarks in the same process). */
  state: OverlayStateService;
  server: OverlayServer;
  /** Overlay page health (connected, revision applied, last frame) and its status-bar flag. */
  health: OverlayHealthMonitor;
}

const sourceNames: Record<OverlayId, string> = {
  'product-card': 'ShelfCast · Product card',
  'price-ticker': 'ShelfCast · Price ticker',
  countdown: 'ShelfCast · Countdown',
  'sales-counter': 'ShelfCast · Sales counter',
  leaderboard: 'ShelfCast · Leaderboard',
  'lower-third': 'ShelfCast · Lower third',
};

/**
 * The built renderer (out/renderer): a sibling `renderer` folder of the bundle, whichever chunk
 * folder (out/main or out/main/chunks) this code was bundled into.
 */
function defaultAssetsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++) {
    const candidate = path.join(dir, '..', 'renderer');
    if (
      fs.existsSync(path.join(candidate, 'overlay.html')) &&
      fs.existsSync(path.join(candidate, 'assets'))
    ) {
      return candidate;
    }
    dir = path.dirname(dir);
  }
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

/** `port` (0 = any free one) overrides the one in Settings; `assetsDir` the built pages' folder. */
export function createOverlaysModule(
  ctx: StudioContext,
  deps: { shelf: ShelfPort; port?: number; assetsDir?: string },
): OverlaysModule {
  const log = ctx.logs.logger('overlays');
  const state = new OverlayStateService(ctx, deps.shelf.reader, log.child('state'));
  const port = deps.port;
  const server = new OverlayServer(
    state,
    () => state.storeRef.serverConfig(),
    {
      assetsDir: deps.assetsDir ?? defaultAssetsDir(),
      imagesDir: ctx.dataDir ? path.join(ctx.dataDir, 'images') : null,
      ...(port !== undefined ? { port } : {}),
    },
    ctx.status,
    log.child('server'),
  );
  const health = new OverlayHealthMonitor(
    server,
    () => state.now(),
    ctx.events,
    ctx.status,
    log.child('health'),
  );
  const pages = (orientation: Orientation = 'landscape'): OverlayPage[] => {
    if (!server.running) return [];
    const { w, h } = stageSize(orientation);
    return overlayIds.map((id) => ({
      id,
      sourceName: sourceNames[id],
      url: server.pageUrl(id, orientation),
      width: w,
      height: h,
      orientation,
      lanReachable: server.lanReachable,
    }));
  };

  const service: StudioService = {
    name: 'overlays',
    async start() {
      ctx.status.set('overlays', 'starting', 'status.detail.starting');
      state.open();
      try {
        await server.start();
        health.start();
      } catch (err) {
        // The operator UI and state keep working; only OBS cannot load the pages.
        log.error('overlay server not started', { err });
        ctx.status.set('overlays', 'error', 'overlays:status.failed', { reason: String(err) });
      }
    },
    async stop() {
      health.stop();
      await server.stop();
      state.close();
      ctx.status.set('overlays', 'stopped', 'status.detail.stopped');
    },
  };

  return {
    ...overlayControlsOf(state, deps.shelf.reader),
    pages,
    state,
    server,
    health,
    services: [service],
    handlers: {
      ...overlayHandlers(state, deps.shelf.reader, pages),
      'overlays.health': () => health.current(),
    },
  };
}
