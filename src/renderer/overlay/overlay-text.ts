import { screen as enScreen } from '@shared/i18n/locales/en.overlays.json';
import { screen as ugScreen } from '@shared/i18n/locales/ug.overlays.json';
import { screen as zhScreen } from '@shared/i18n/locales/zh-CN.overlays.json';
import type { OverlayLanguage } from '@shared/overlays/overlay-ids';

// Only the on-screen strings: the pages OBS loads carry no other namespace (named JSON imports
// let the bundler drop the rest of each file).
const screens: Record<OverlayLanguage, unknown> = { 'zh-CN': zhScreen, en: enScreen, ug: ugScreen };

type Params = Record<string, string | number>;

/**
 * Overlay text from the `overlays` locale (keys under `screen.`). A tiny lookup instead of i18next:
 * an overlay page renders one language chosen by the core, and starts faster without it.
 */
export function screenText(language: OverlayLanguage, key: string, params: Params = {}): string {
  let node: unknown = screens[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const template = typeof node === 'string' ? node : key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export type ScreenText = (key: string, params?: Params) => string;

export const screenTextFor =
  (language: OverlayLanguage): ScreenText =>
  (key, params) =>
    screenText(language, key, params);

/** ¥39.90 from 3990 fen; whole yuan without decimals (¥40). */
export function yuan(fen: number): string {
  const whole = fen % 100 === 0;
  return `¥${(fen / 100).toLocaleString('en-US', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  })}`;
}

/** Discount as 折 (7.5) and as percent off (25). */
export function discount(live: number, list: number): { zhe: string; percent: number } | null {
  if (list <= 0 || live >= list) return null;
  const ratio = live / list;
  return { zhe: (Math.round(ratio * 100) / 10).toString(), percent: Math.round((1 - ratio) * 100) };
}
