import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverlayLanguage, OverlayState, Theme } from '@shared/overlays/overlay-state';
import { useApi } from '../../api/studio-api';
import { ShowPicker } from '../../components/ShowPicker';
import { useLiveQuery } from '../../data/use-live-query';
import { useShows } from '../../data/use-shows';
import type { useOverlayState } from '../../data/use-overlay-state';

type Run = ReturnType<typeof useOverlayState>['run'];

/** Overlay language, the current show and its theme (each show keeps its own theme). */
export function LookBar({ state, run }: { state: OverlayState; run: Run }) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const { shows } = useShows();
  // The built-in themes: read on connect, no event changes them.
  const themes: readonly Theme[] = useLiveQuery((a) => a.overlays.themes(), {}).data ?? NO_THEMES;
  const showId = state.look.showId;
  return (
    <div className="ovp-look" data-testid="overlay-look">
      <label>
        {t('page.language')}
        <select
          value={state.look.language}
          data-testid="overlay-language"
          onChange={(e) =>
            void run(() => api.overlays.setLook({ language: e.target.value as OverlayLanguage }))
          }
        >
          <option value="zh-CN">{t('page.languages.zh')}</option>
          <option value="en">{t('page.languages.en')}</option>
          <option value="ug">{t('page.languages.ug')}</option>
        </select>
      </label>
      <label>
        {t('page.showLabel')}
        <ShowPicker
          shows={shows}
          value={showId}
          none={{ label: t('page.noShow') }}
          onChange={(id) => void run(() => api.overlays.setLook({ showId: id }))}
        />
      </label>
      <label>
        {showId ? t('page.themeOfShow') : t('page.themeDefault')}
        <select
          value={state.look.theme.id}
          data-testid="overlay-theme"
          onChange={(e) =>
            void run(() => api.overlays.setLook({ theme: { showId, themeId: e.target.value } }))
          }
        >
          {themes.map((th) => (
            <option key={th.id} value={th.id}>
              {t(`theme.${th.nameKey}`)}
            </option>
          ))}
        </select>
      </label>
      <LogoField key={state.look.theme.logoText} logo={state.look.theme.logoText} run={run} />
    </div>
  );
}

const NO_THEMES: readonly Theme[] = [];

/** The studio's mark on the card and counter: applied on Enter or when the field is left. */
function LogoField({ logo, run }: { logo: string; run: Run }) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const [text, setText] = useState(logo);
  const apply = () => text !== logo && void run(() => api.overlays.setLook({ logoText: text }));
  return (
    <label>
      {t('page.logo')}
      <input
        value={text}
        maxLength={24}
        placeholder={t('page.logoHint')}
        data-testid="overlay-logo"
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </label>
  );
}
