import { ApiFailure } from '@shared/api/errors';
import {
  platformPresets,
  presetFor,
  safeAreaOfPreset,
  safeAreaProblem,
  type Orientation,
  type SafeArea,
} from '@shared/overlay-layout/safe-area';
import { builtInThemes, themeById } from '@shared/overlays/themes';
import type { Handlers } from '../api/dispatcher';
import type { ShelfReader } from '../shelf';
import { overlayControlsOf, productMissing } from './overlay-port';
import type { OverlayStateService } from './overlay-service';
import type { OverlayPage, OverlaysOperationName } from './overlays-module';

const showMissing = (showId: number) =>
  new ApiFailure('not_found', `Show ${showId} does not exist`, {
    key: 'overlays:errors.showMissing',
    params: { showId },
  });

/** The overlays API: each control operation changes the controls; the state service pushes the result. */
export function overlayHandlers(
  state: OverlayStateService,
  shelf: ShelfReader,
  pages: (orientation: Orientation) => OverlayPage[],
): Pick<Handlers, Exclude<OverlaysOperationName, 'overlays.health'>> {
  const controls = overlayControlsOf(state, shelf);
  const needProduct = (id: number) => {
    if (!shelf.getProduct(id)) throw productMissing(id);
  };
  return {
    'overlays.state': () => state.state(),
    'overlays.pages': ({ orientation }) => pages(orientation),
    'overlays.safeAreaPresets': () => structuredClone([...platformPresets]),
    'overlays.setSafeArea': ({ showId, orientation, preset, insets, anchor }) => {
      if (showId !== null && !shelf.getShow(showId)) throw showMissing(showId);
      const p = presetFor(orientation, preset);
      if (!p) {
        throw new ApiFailure('not_found', `There is no ${orientation} preset ${preset}`, {
          key: 'overlays:overlayLayout.errors.presetMissing',
          params: { preset, orientation },
        });
      }
      const base = safeAreaOfPreset(p);
      const area: SafeArea = {
        preset,
        insets: insets ?? base.insets,
        // A portrait stage has no anchor keep-out: the card band is designed around the anchor.
        anchor: orientation === 'portrait' ? null : anchor === undefined ? base.anchor : anchor,
      };
      const problem = safeAreaProblem(area);
      if (problem) {
        throw new ApiFailure(
          'bad_request',
          `Safe area ${orientation} ${problem.field} is out of range (at most ${problem.limit})`,
          {
            key: 'overlays:overlayLayout.errors.safeAreaRange',
            params: { orientation, field: problem.field, limit: Math.round(problem.limit * 100) },
          },
        );
      }
      return state.update((c) => {
        const key = showId === null ? 'default' : String(showId);
        c.safeAreas[key] = { ...c.safeAreas[key], [orientation]: area };
      });
    },
    'overlays.themes': () => [...builtInThemes],
    'overlays.setVisible': ({ overlay, visible }) => controls.setVisible(overlay, visible),
    'overlays.showProduct': ({ productId, visible }) => {
      needProduct(productId);
      return state.update((c) => {
        c.productCard = { productId, followOnAir: false };
        c.visible['product-card'] = visible;
      });
    },
    'overlays.followOnAir': ({ showId, visible }) => {
      if (!shelf.getShow(showId)) throw showMissing(showId);
      const onAir = shelf.onAir(showId);
      return state.update((c) => {
        c.showId = showId;
        c.productCard = { productId: onAir?.product.id ?? null, followOnAir: true };
        c.visible['product-card'] = visible && onAir !== undefined;
      });
    },
    'overlays.countdown': (cmd) => controls.countdown(cmd),
    'overlays.setTicker': ({ source, productIds }) => {
      for (const id of productIds) needProduct(id);
      return state.update((c) => {
        c.ticker = { source, productIds };
      });
    },
    'overlays.setLeaderboard': (opts) =>
      state.update((c) => {
        c.leaderboard = opts;
      }),
    'overlays.setSalesCounter': ({ splitByPlatform }) =>
      state.update((c) => {
        c.salesCounter = { splitByPlatform };
      }),
    'overlays.setLowerThird': ({ name, title, county, role, kind, visible }) =>
      state.update((c) => {
        c.lowerThird = { name, title, county, role, kind };
        c.visible['lower-third'] = visible;
      }),
    'overlays.setLook': ({ language, showId, theme, logoText }) => {
      if (showId != null && !shelf.getShow(showId)) throw showMissing(showId);
      if (theme?.showId != null && !shelf.getShow(theme.showId)) throw showMissing(theme.showId);
      if (theme && !themeById(theme.themeId)) {
        throw new ApiFailure('not_found', `Theme ${theme.themeId} does not exist`, {
          key: 'overlays:errors.themeMissing',
          params: { theme: theme.themeId },
        });
      }
      return state.update((c) => {
        if (language) c.language = language;
        if (logoText !== undefined) c.logoText = logoText;
        if (showId !== undefined && showId !== c.showId) {
          c.showId = showId;
          // A card that follows the on-air slot follows the newly chosen show's.
          if (c.productCard.followOnAir) {
            c.productCard.productId = showId === null ? null : (shelf.onAir(showId)?.product.id ?? null);
            if (c.productCard.productId === null) c.visible['product-card'] = false;
          }
        }
        if (theme) c.themes[theme.showId === null ? 'default' : String(theme.showId)] = theme.themeId;
      });
    },
  };
}
