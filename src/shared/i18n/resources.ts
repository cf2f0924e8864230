import enCommon from './locales/en.common.json';
import ugCommon from './locales/ug.common.json';
import zhCommon from './locales/zh-CN.common.json';

export const languages = ['zh-CN', 'en', 'ug'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';
export const rtlLanguages: readonly Language[] = ['ug'];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** Namespaces: one per area of the app, so each area keeps its strings in its own files. */
export const namespaces = ['common'] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  'zh-CN': { common: zhCommon },
  en: { common: enCommon },
  ug: { common: ugCommon },
} satisfies Record<Language, Record<Namespace, object>>;

export const textDirection = (lng: Language): 'rtl' | 'ltr' => (rtlLanguages.includes(lng) ? 'rtl' : 'ltr');
