import { createContext, useContext } from 'react';
import type { OverlayLanguage } from '@shared/overlays/overlay-ids';
import { screenTextFor, type ScreenText } from './overlay-text';

export interface OverlayEnv {
  language: OverlayLanguage;
  t: ScreenText;
  /** Test mode: no animations, no count-up, no scrolling; frames are deterministic for screenshots. */
  still: boolean;
  /** core clock − this page's clock (ms). */
  clockOffset: number;
  /** The studio's mark from the theme; '' for none. */
  logo: string;
  /** Product image URL for a file under <dataDir>/images, or null where images cannot load (preview). */
  imageUrl: (file: string) => string | null;
}

const EnvContext = createContext<OverlayEnv>({
  language: 'zh-CN',
  t: screenTextFor('zh-CN'),
  still: false,
  clockOffset: 0,
  logo: '',
  imageUrl: () => null,
});

export const OverlayEnvProvider = EnvContext.Provider;
export const useOverlayEnv = (): OverlayEnv => useContext(EnvContext);
