import type { Theme } from './overlay-state';

/** Built-in themes: a red-gold festive one for big provincial events and a clean neutral one. */
export const festiveTheme: Theme = {
  id: 'festive',
  nameKey: 'festive',
  colors: {
    panel: 'rgba(150, 18, 24, 0.92)',
    panelText: '#fff7e0',
    accent: '#f5c542',
    accentText: '#6b0d0d',
    price: '#ffd95a',
    muted: 'rgba(255, 240, 200, 0.75)',
    stamp: '#ffe27a',
  },
  fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "DejaVu Sans", sans-serif',
  logoText: '',
  safeMargin: { block: 54, inline: 96 },
  corners: {
    productCard: 'block-end-inline-start',
    countdown: 'block-start-inline-end',
    salesCounter: 'block-start-inline-start',
    leaderboard: 'block-start-inline-end',
  },
};

export const neutralTheme: Theme = {
  id: 'neutral',
  nameKey: 'neutral',
  colors: {
    panel: 'rgba(255, 255, 255, 0.94)',
    panelText: '#1d232b',
    accent: '#1f6feb',
    accentText: '#ffffff',
    price: '#d1242f',
    muted: '#5b6570',
    stamp: '#d1242f',
  },
  fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "DejaVu Sans", sans-serif',
  logoText: '',
  safeMargin: { block: 54, inline: 96 },
  corners: {
    productCard: 'block-end-inline-end',
    countdown: 'block-start-inline-start',
    salesCounter: 'block-start-inline-end',
    leaderboard: 'block-start-inline-start',
  },
};

export const builtInThemes: readonly Theme[] = [festiveTheme, neutralTheme];

export const themeById = (id: string): Theme | undefined => builtInThemes.find((t) => t.id === id);
