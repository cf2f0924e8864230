import type { SalesFigures } from '@shared/api/domains/orders';
import type { Product } from '@shared/api/domains/shelf';
import type {
  CardProduct,
  LocalName,
  OverlaySections,
  Theme,
  TickerItem,
} from '@shared/overlays/overlay-state';
import { defaultSafeArea, type Orientation, type SafeArea } from '@shared/overlay-layout/safe-area';
import { festiveTheme, themeById } from '@shared/overlays/themes';
import type { ShelfReader } from '../shelf';
import type { OverlayControls } from './overlay-controls';

/** Reads product images: the first image file of a product, relative to <dataDir>/images. */
export type ImageLookup = (productId: number) => string | null;

const nameOf = (p: Product): LocalName => ({ zh: p.nameZh, en: p.nameEn, ug: p.nameUg });

/**
 * Builds what the overlay pages show from the operator's choices, the shelf and the figures.
 * Pure apart from shelf reads; everything derived (prices, stock, sold) comes fresh from the shelf.
 */
export function buildSections(
  c: OverlayControls,
  shelf: ShelfReader,
  figures: SalesFigures | null,
  imageOf: ImageLookup,
): OverlaySections {
  const sold = new Map((figures?.byProduct ?? []).map((p) => [p.productId, p.units]));
  const slotPrice = new Map<number, number>();
  const rundown = c.showId ? shelf.rundown(c.showId) : [];
  for (const s of rundown)
    if (s.livePriceOverrideFen !== null) slotPrice.set(s.productId, s.livePriceOverrideFen);

  const card = (id: number | null): CardProduct | null => {
    const p = id ? shelf.getProduct(id) : undefined;
    if (!p) return null;
    const links = shelf
      .listingsOf(p.id)
      .map((l) => l.cartLinkNo)
      .filter((n): n is number => n !== null);
    return {
      id: p.id,
      name: nameOf(p),
      county: p.originCounty,
      city: p.originCity,
      specification: p.specification,
      livePriceFen: slotPrice.get(p.id) ?? p.livePriceFen,
      listPriceFen: p.listPriceFen,
      cartLinkNo: links.length ? Math.min(...links) : null,
      stock: p.stock,
      sold: sold.get(p.id) ?? 0,
      image: imageOf(p.id),
    };
  };

  const tickerIds =
    c.ticker.source === 'show' ? unique(rundown.map((s) => s.productId)) : c.ticker.productIds;
  const items: TickerItem[] = [];
  for (const id of tickerIds) {
    const p = shelf.getProduct(id);
    if (!p || p.status === 'archived') continue;
    items.push({
      id: p.id,
      name: nameOf(p),
      livePriceFen: slotPrice.get(p.id) ?? p.livePriceFen,
      listPriceFen: p.listPriceFen,
      soldOut: p.stock === 0,
    });
  }

  const countdownProduct = c.countdown.productId ? shelf.getProduct(c.countdown.productId) : undefined;
  const themeId = (c.showId !== null ? c.themes[String(c.showId)] : undefined) ?? c.themes.default;

  return {
    look: {
      language: c.language,
      theme: withLogo(themeById(themeId ?? '') ?? festiveTheme, c.logoText),
      showId: c.showId,
      safeArea: { landscape: safeAreaFor(c, 'landscape'), portrait: safeAreaFor(c, 'portrait') },
    },
    productCard: {
      visible: c.visible['product-card'],
      followOnAir: c.productCard.followOnAir,
      product: card(c.productCard.productId),
    },
    ticker: { visible: c.visible['price-ticker'], source: c.ticker.source, items },
    countdown: {
      ...c.countdown,
      visible: c.visible.countdown,
      productName: countdownProduct ? nameOf(countdownProduct) : null,
    },
    salesCounter: {
      visible: c.visible['sales-counter'],
      splitByPlatform: c.salesCounter.splitByPlatform,
      orders: figures?.totals.orders ?? 0,
      gmvFen: figures?.totals.gmvFen ?? 0,
      byPlatform: (figures?.byPlatform ?? []).map(({ platform, orders, gmvFen }) => ({
        platform,
        orders,
        gmvFen,
      })),
    },
    leaderboard: {
      visible: c.visible.leaderboard,
      by: c.leaderboard.by,
      metric: c.leaderboard.metric,
      rows: leaderboardRows(c.leaderboard, figures, shelf),
    },
    lowerThird: { visible: c.visible['lower-third'], ...c.lowerThird },
  };
}

function leaderboardRows(
  opts: OverlayControls['leaderboard'],
  figures: SalesFigures | null,
  shelf: ShelfReader,
): OverlaySections['leaderboard']['rows'] {
  if (!figures) return [];
  const value = (r: { units: number; gmvFen: number }) => (opts.metric === 'units' ? r.units : r.gmvFen);
  const top = <T extends { key: string; units: number; gmvFen: number }>(rows: T[]) =>
    rows.sort((a, b) => value(b) - value(a) || a.key.localeCompare(b.key)).slice(0, opts.size);
  if (opts.by === 'county')
    return top(
      figures.byCounty.map((r) => ({
        key: `c${r.city}/${r.county}`,
        label: { zh: r.county, en: null, ug: null },
        units: r.units,
        gmvFen: r.gmvFen,
      })),
    );
  // Names are read for the rows shown only: the figures list every product sold (hundreds on a
  // big shelf) and the leaderboard is rebuilt whenever they change.
  return top(
    figures.byProduct.map((r) => ({
      key: `p${r.productId}`,
      id: r.productId,
      units: r.units,
      gmvFen: r.gmvFen,
    })),
  ).map(({ key, id, units, gmvFen }) => {
    const p = shelf.getProduct(id);
    const label: LocalName = p ? nameOf(p) : { zh: `#${id}`, en: null, ug: null };
    return { key, label, units, gmvFen };
  });
}

const unique = (ids: number[]) => [...new Set(ids)];

const withLogo = (theme: Theme, logoText: string): Theme => (logoText ? { ...theme, logoText } : theme);

/** The chosen show's safe area for an orientation, else the default's, else title-safe only. */
export function safeAreaFor(c: OverlayControls, o: Orientation): SafeArea {
  const own = c.showId !== null ? c.safeAreas[String(c.showId)]?.[o] : undefined;
  return own ?? c.safeAreas.default?.[o] ?? defaultSafeArea(o);
}
