import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { overlayIds, sectionOfOverlay, type OverlayId } from '@shared/overlays/overlay-state';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { LookBar } from './LookBar';
import { ObsProvision } from './ObsProvision';
import { OverlayHealthPanel } from './OverlayHealthPanel';
import { OverlayControls } from './OverlayControls';
import { SafeAreaBar } from './SafeAreaBar';
import { OverlayPreview } from '../../components/OverlayPreview';
import { useOverlayState } from '../../data/use-overlay-state';
import '../../components/overlay-controls.css';

const PREVIEW_SCALE = 0.25;

/** Overlays: a live preview of each overlay, show/hide, options, theme and OBS provisioning. */
export function OverlaysPage() {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const { state, error, run } = useOverlayState();
  const [copied, setCopied] = useState<OverlayId | null>(null);

  const copyUrl = async (id: OverlayId) => {
    const r = await api.overlays.pages();
    const page = r.ok ? r.value.find((p) => p.id === id) : undefined;
    if (!page) return;
    await navigator.clipboard?.writeText(page.url).catch(() => undefined);
    setCopied(id);
  };

  return (
    <section className="page ovp-page" data-testid="page-overlays">
      <header className="page-header">
        <h1>{t('page.title')}</h1>
        <p>{t('page.description')}</p>
      </header>
      {error && <ApiErrorText error={error} />}
      {state && <LookBar state={state} run={run} />}
      {state && <SafeAreaBar state={state} run={run} />}
      <ObsProvision />
      <OverlayHealthPanel />
      {state && (
        <div className="ovp-grid">
          {overlayIds.map((id) => {
            const visible = (state[sectionOfOverlay[id]] as { visible: boolean }).visible;
            return (
              <article key={id} className="ovp-card" data-testid={`overlay-${id}`} data-visible={visible}>
                <header className="ovp-card-head">
                  <h2>{t(`names.${sectionOfOverlay[id]}`)}</h2>
                  <span className={visible ? 'ovp-live' : 'ovp-off'}>
                    {visible ? t('page.onAir') : t('page.offAir')}
                  </span>
                </header>
                <OverlayPreview id={id} state={state} scale={PREVIEW_SCALE} />
                <div className="ovp-actions">
                  <button
                    type="button"
                    className={visible ? 'danger' : 'primary'}
                    data-testid={`toggle-${id}`}
                    onClick={() =>
                      void run(() => api.overlays.setVisible({ overlay: id, visible: !visible }))
                    }
                  >
                    {visible ? t('page.hide') : t('page.showOverlay')}
                  </button>
                  <button type="button" onClick={() => void copyUrl(id)}>
                    {copied === id ? t('page.copied') : t('page.copyUrl')}
                  </button>
                </div>
                <OverlayControls id={id} state={state} run={run} />
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
