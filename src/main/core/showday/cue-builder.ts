import type { Cue, CueSettings } from '@shared/api/domains/showday';
import type { OverlayId } from '@shared/overlays/overlay-state';
import type { ShelfReader } from '../shelf';
import { applyCountdown, endCountdown, type OverlayControls } from '../overlays';
import { defaultCueSettings } from './cue-store';
import { presenterKindOf } from '@shared/showday/presenter-role';

/** A show's cues: every rundown slot with its product and settings, in rundown order. */
export function buildCues(shelf: ShelfReader, showId: number, settings: Map<number, CueSettings>): Cue[] {
  const cues: Cue[] = [];
  for (const slot of shelf.rundown(showId)) {
    const product = shelf.getProduct(slot.productId);
    if (!product) continue;
    const s = settings.get(slot.id) ?? defaultCueSettings();
    const links = shelf
      .listingsOf(product.id)
      .map((l) => l.cartLinkNo)
      .filter((n): n is number => n !== null);
    cues.push({
      slotId: slot.id,
      showId,
      position: slot.position,
      product,
      presenter: {
        name: slot.presenterName,
        title: slot.presenterTitle,
        county: slot.presenterCounty,
        role: slot.presenterRole.trim(),
        kind: presenterKindOf({ title: slot.presenterTitle, county: slot.presenterCounty }),
      },
      cameraPreset: slot.cameraPreset,
      livePriceFen: slot.livePriceOverrideFen ?? product.livePriceFen,
      cartLinkNo: links.length > 0 ? Math.min(...links) : null,
      plannedSeconds: slot.plannedSeconds,
      settings: s,
      talkingPoints: s.talkingPoints ?? product.sellingPoints,
    });
  }
  return cues;
}

/** Which overlays a cue shows (true) and hides (false). */
export function cueOverlays(cue: Cue): { overlay: OverlayId; visible: boolean }[] {
  const s = cue.settings;
  return [
    { overlay: 'product-card', visible: s.productCard },
    { overlay: 'price-ticker', visible: s.ticker },
    { overlay: 'lower-third', visible: s.lowerThird && cue.presenter.name.trim() !== '' },
    // No flash sale on a product already sold out: a countdown beside the 售罄 stamp sells nothing.
    { overlay: 'countdown', visible: s.countdownSeconds !== null && cue.product.stock > 0 },
  ];
}

/**
 * What GO does to the overlay controls, as one mutation (so the pages get one state change):
 * the product card follows the on-air slot and shows the cue's product, the guest's lower third,
 * the ticker, and a fresh countdown (or the previous one ended and hidden).
 */
export function applyCueToControls(c: OverlayControls, cue: Cue, now: number): void {
  const visible = new Map(cueOverlays(cue).map((o) => [o.overlay, o.visible]));
  c.showId = cue.showId;
  c.productCard = { productId: cue.product.id, followOnAir: true };
  c.visible['product-card'] = visible.get('product-card')!;
  c.visible['price-ticker'] = visible.get('price-ticker')!;
  if (visible.get('lower-third')) {
    const { name, title, county, role, kind } = cue.presenter;
    c.lowerThird = { name, title, county, role, kind };
  }
  c.visible['lower-third'] = visible.get('lower-third')!;
  const seconds = cue.settings.countdownSeconds;
  if (seconds !== null && visible.get('countdown')) {
    c.countdown = applyCountdown(
      c.countdown,
      { action: 'start', seconds, productId: cue.product.id, endOnSoldOut: true },
      now,
    );
    c.visible.countdown = true;
  } else {
    if (c.countdown.status === 'running' || c.countdown.status === 'paused')
      c.countdown = endCountdown(c.countdown, 'operator');
    c.visible.countdown = false;
  }
}
