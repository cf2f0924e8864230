/**
 * Overlay page URLs as the operator UI embeds them. The studio hands out URLs for OBS on the
 * studio computer (http://127.0.0.1:<overlay port>/…); a tablet on the LAN that loads the
 * operator UI from the studio's LAN address must not frame 127.0.0.1 (that is the tablet itself).
 */

/** A host only this device can reach: localhost, 127.x.x.x, ::1 (with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1';
}

export interface OverlayViewer {
  /** The host the operator UI itself was loaded from (window.location.hostname). */
  hostname: string;
  /** Whether the console serves the LAN (its LAN access is on): the UI may be on another device. */
  lanAccess: boolean;
}

export interface EmbeddedOverlayUrl {
  url: string;
  /**
   * Whether this device can load it. False on another device while the overlay server listens
   * on loopback only: the UI must say so and not show a blank frame.
   */
  reachable: boolean;
}

/**
 * The URL to embed an overlay page at, from the URL the studio gave (`pageUrl`) and whether the
 * overlay server accepts other computers (`lanReachable`). On the studio computer itself the URL
 * is kept; on a LAN device, with LAN access on, the host becomes the one the UI came from (the
 * overlay port and token kept).
 */
export function embeddedOverlayUrl(
  pageUrl: string,
  viewer: OverlayViewer,
  lanReachable: boolean,
  params: Record<string, string> = {},
): EmbeddedOverlayUrl {
  const url = new URL(pageUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const local = viewer.hostname === '' || isLoopbackHost(viewer.hostname);
  if (local) return { url: url.toString(), reachable: true };
  if (viewer.lanAccess && isLoopbackHost(url.hostname)) url.hostname = viewer.hostname;
  return { url: url.toString(), reachable: viewer.lanAccess && lanReachable };
}
