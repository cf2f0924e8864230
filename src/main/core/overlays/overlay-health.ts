import type { Orientation } from '@shared/api/domains/obs';
import type { OverlayHealth, OverlayPageHealth } from '@shared/api/domains/overlays';
import { overlayIds, type OverlayId } from '@shared/overlays/overlay-state';

/** How often an overlay page reports (it also reports at once after applying a new state). */
export const REPORT_EVERY_MS = 1000;
/** A page that has not reported, drawn a frame, or caught up with the state for this long is stale. */
export const STALE_AFTER_MS = 3000;

/** What the overlay server knows of one connected overlay page (OBS's, not a preview's). */
export interface PageReport {
  overlay: OverlayId;
  orientation: Orientation;
  connectedAt: number;
  /** The page's last report, in core time; null until the first one. */
  last: { rev: number; frameAt: number | null; receivedAt: number } | null;
}

const orientations: readonly Orientation[] = ['landscape', 'portrait'];

/**
 * Overlay page health per overlay and orientation. `expected` says how many pages of an
 * orientation OBS should have loaded (one per enabled OBS of that orientation); fewer connected
 * is `missing`. A connected page is stale when it stopped reporting, stopped drawing frames (a
 * browser source that is not rendered), or stays behind the studio's revision.
 */
export function overlayHealth(
  pages: readonly PageReport[],
  expected: Readonly<Record<Orientation, number>>,
  current: { rev: number; changedAt: number },
  now: number,
): OverlayHealth {
  const stale = (p: PageReport) => {
    if (!p.last) return now - p.connectedAt > STALE_AFTER_MS;
    if (now - p.last.receivedAt > STALE_AFTER_MS) return true;
    if (p.last.frameAt === null || now - p.last.frameAt > STALE_AFTER_MS) return true;
    return p.last.rev < current.rev && now - current.changedAt > STALE_AFTER_MS;
  };
  const rows: OverlayPageHealth[] = [];
  for (const orientation of orientations) {
    for (const overlay of overlayIds) {
      const mine = pages.filter((p) => p.overlay === overlay && p.orientation === orientation);
      const want = expected[orientation];
      if (mine.length === 0 && want === 0) continue;
      const reported = mine.filter((p) => p.last !== null).map((p) => p.last!);
      const frames = reported.map((r) => r.frameAt).filter((f): f is number => f !== null);
      rows.push({
        overlay,
        orientation,
        state: mine.length < want ? 'missing' : mine.some(stale) ? 'stale' : 'ok',
        connected: mine.length,
        expected: want,
        rev: reported.length > 0 ? Math.min(...reported.map((r) => r.rev)) : null,
        currentRev: current.rev,
        lastFrameAt: frames.length > 0 ? Math.min(...frames) : null,
      });
    }
  }
  return { pages: rows, at: now };
}

/** What changes the flag (not the ticking frame times): an event goes out only when this does. */
export function healthSignature(h: OverlayHealth): string {
  return h.pages
    .map((p) => `${p.overlay}/${p.orientation}:${p.state}:${p.connected}/${p.expected}`)
    .join(',');
}

/**
 * A page's report over its WebSocket: `{"type":"report","rev":12,"frameAgeMs":16}`. The age
 * (not a time) keeps page and core clocks out of it. Anything else is not a report.
 */
export function parseReport(text: string): { rev: number; frameAgeMs: number | null } | null {
  if (text.length > 512) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (r.type !== 'report' || !Number.isInteger(r.rev) || (r.rev as number) < 0) return null;
  const age = r.frameAgeMs;
  const frameAgeMs = typeof age === 'number' && Number.isFinite(age) && age >= 0 ? age : null;
  return { rev: r.rev as number, frameAgeMs };
}
