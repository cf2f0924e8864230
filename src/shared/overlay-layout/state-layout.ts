import type { OverlayId } from '../overlays/overlay-ids';
import { overlayIds } from '../overlays/overlay-ids';
import type { OverlayState } from '../overlays/overlay-state';
import { computeLayout, type OverlayLayout } from './layout';
import { defaultSafeArea, type Orientation, type SafeArea } from './safe-area';

type Sections = Omit<OverlayState, 'rev'>;

/** Whether an overlay is up (drawn) in this state: visible and with something to show. */
export function isShown(id: OverlayId, s: Sections): boolean {
  switch (id) {
    case 'product-card':
      return s.productCard.visible && s.productCard.product !== null;
    case 'price-ticker':
      return s.ticker.visible && s.ticker.items.length > 0;
    case 'countdown':
      return s.countdown.visible && s.countdown.status !== 'idle';
    case 'sales-counter':
      return s.salesCounter.visible;
    case 'leaderboard':
      return s.leaderboard.visible;
    case 'lower-third':
      return s.lowerThird.visible && s.lowerThird.name !== '';
  }
}

/** The show's safe area for an orientation (the title-safe area alone when none was chosen). */
export const safeAreaOf = (s: Sections, o: Orientation): SafeArea =>
  s.look.safeArea?.[o] ?? defaultSafeArea(o);

/** The theme's card side (`start`/`end` follow the text direction) on screen. */
export function cardOnLeft(s: Sections): boolean {
  const start = s.look.theme.corners.productCard.endsWith('inline-start');
  return start !== (s.look.language === 'ug');
}

/** The layout every overlay page of this state draws, for one orientation. */
export function layoutForState(s: Sections, orientation: Orientation): OverlayLayout {
  return computeLayout({
    orientation,
    safeArea: safeAreaOf(s, orientation),
    cardLeft: cardOnLeft(s),
    visible: new Set(overlayIds.filter((id) => isShown(id, s))),
    content: {
      leaderboardRows: s.leaderboard.rows.length,
      counterSplitRows: s.salesCounter.splitByPlatform ? s.salesCounter.byPlatform.length : 0,
    },
  });
}
