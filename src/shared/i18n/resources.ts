import enCommon from './locales/en.common.json';
import enObs from './locales/en.obs.json';
import enOrders from './locales/en.orders.json';
import enOverlays from './locales/en.overlays.json';
import enShelf from './locales/en.shelf.json';
import enShowday from './locales/en.showday.json';
import ugCommon from './locales/ug.common.json';
import ugObs from './locales/ug.obs.json';
import ugOrders from './locales/ug.orders.json';
import ugOverlays from './locales/ug.overlays.json';
import ugShelf from './locales/ug.shelf.json';
import ugShowday from './locales/ug.showday.json';
import zhCommon from './locales/zh-CN.common.json';
import zhObs from './locales/zh-CN.obs.json';
import zhOrders from './locales/zh-CN.orders.json';
import zhOverlays from './locales/zh-CN.overlays.json';
import zhShelf from './locales/zh-CN.shelf.json';
import zhShowday from './locales/zh-CN.showday.json';

export const languages = ['zh-CN', 'en', 'ug'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';
export const rtlLanguages: readonly Language[] = ['ug'];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** Namespaces: one per area of the app, so each area keeps its strings in its own files. */
export const namespaces = ['common', 'shelf', 'obs', 'overlays', 'orders', 'showday'] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  'zh-CN': {
    common: zhCommon,
    shelf: zhShelf,
    obs: zhObs,
    overlays: zhOverlays,
    orders: zhOrders,
    showday: zhShowday,
  },
  en: {
    common: enCommon,
    shelf: enShelf,
    obs: enObs,
    overlays: enOverlays,
    orders: enOrders,
    showday: enShowday,
  },
  ug: {
    common: ugCommon,
    shelf: ugShelf,
    obs: ugObs,
    overlays: ugOverlays,
    orders: ugOrders,
    showday: ugShowday,
  },
} satisfies Record<Language, Record<Namespace, object>>;

export const textDirection = (lng: Language): 'rtl' | 'ltr' => (rtlLanguages.includes(lng) ? 'rtl' : 'ltr');
