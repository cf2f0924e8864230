import { eventOptionsFrom, type EventOptions } from './event/event-service';
import { SECRET_KEY_ENV } from './secrets/secret-box';

/**
 * What the studio reads from its environment, parsed once by each entry point (the Electron shell
 * and the headless console) and handed to the core in StudioOptions: the core itself never reads
 * process.env or process.argv.
 */
export interface EnvironmentOptions {
  /** Demo mode: simulated shops on loopback (SHELFCAST_DEMO=1 or `--demo`). */
  demo: boolean;
  /** The overlay server: a fixed port (SHELFCAST_OVERLAY_PORT, 0 = any free one) and the built pages (SHELFCAST_OVERLAY_ASSETS). */
  overlays: { port?: number; assetsDir?: string };
  /** A CJK font file for the PDF report (SHELFCAST_PDF_FONT); default: the first system font found. */
  pdfFont?: string;
  /** The secrets' key (SHELFCAST_SECRET_KEY, base64) instead of the key file in the data folder. */
  secretKey?: string;
  /** Event mode: `--event-*` flags and SHELFCAST_EVENT_* / SHELFCAST_NATS_SERVER (see eventOptionsFrom). */
  event: EventOptions;
}

/** Throws with the variable's name and value when one is malformed. */
export function environmentOptions(env: NodeJS.ProcessEnv, argv: readonly string[]): EnvironmentOptions {
  const overlays: EnvironmentOptions['overlays'] = {};
  const port = env.SHELFCAST_OVERLAY_PORT;
  if (port !== undefined && port !== '') {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`SHELFCAST_OVERLAY_PORT: "${port}" is not a port`);
    overlays.port = n;
  }
  if (env.SHELFCAST_OVERLAY_ASSETS) overlays.assetsDir = env.SHELFCAST_OVERLAY_ASSETS;
  return {
    demo: env.SHELFCAST_DEMO === '1' || argv.includes('--demo'),
    overlays,
    ...(env.SHELFCAST_PDF_FONT ? { pdfFont: env.SHELFCAST_PDF_FONT } : {}),
    ...(env[SECRET_KEY_ENV] ? { secretKey: env[SECRET_KEY_ENV] } : {}),
    event: eventOptionsFrom(argv, env),
  };
}
