/**
 * The overlay ids and helpers the overlay pages need at run time, without zod: the pages OBS loads
 * carry only what they draw (the schemas live in overlay-state.ts, which re-exports these).
 */
export const overlayIds = [
  'product-card',
  'price-ticker',
  'countdown',
  'sales-counter',
  'leaderboard',
  'lower-third',
] as const;
export type OverlayId = (typeof overlayIds)[number];

export const isOverlayId = (v: unknown): v is OverlayId =>
  typeof v === 'string' && (overlayIds as readonly string[]).includes(v);

export const overlayLanguages = ['zh-CN', 'en', 'ug'] as const;
export type OverlayLanguage = (typeof overlayLanguages)[number];

export const isOverlayLanguage = (v: unknown): v is OverlayLanguage =>
  typeof v === 'string' && (overlayLanguages as readonly string[]).includes(v);

/** The sections of the overlay state, in the order of OverlaySectionsSchema. */
export const sectionNames = [
  'look',
  'productCard',
  'ticker',
  'countdown',
  'salesCounter',
  'leaderboard',
  'lowerThird',
] as const;

/** Which section drives an overlay page's visibility. */
export const sectionOfOverlay = {
  'product-card': 'productCard',
  'price-ticker': 'ticker',
  countdown: 'countdown',
  'sales-counter': 'salesCounter',
  leaderboard: 'leaderboard',
  'lower-third': 'lowerThird',
} as const satisfies Record<OverlayId, Exclude<(typeof sectionNames)[number], 'look'>>;

export interface LocalNameLike {
  zh: string;
  en: string | null;
  ug: string | null;
}

export function localName(name: LocalNameLike, language: OverlayLanguage): string {
  if (language === 'ug') return name.ug || name.zh;
  if (language === 'en') return name.en || name.zh;
  return name.zh;
}
