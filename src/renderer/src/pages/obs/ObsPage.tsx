import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AudioPanel } from './AudioPanel';
import { CameraStrip } from './CameraStrip';
import { ConnectionsPanel } from './ConnectionsPanel';
import { HealthPanel } from './HealthPanel';
import { OutputsPanel } from './OutputsPanel';
import { OverlayPanel } from './OverlayPanel';
import { ScenesPanel } from './ScenesPanel';
import { useConnections, useObsInstance } from './use-obs';
import './obs-page.css';

/** OBS control: connections, then for the chosen instance scenes, cameras, outputs, health, audio and overlays. */
export function ObsPage() {
  const { t } = useTranslation('obs');
  const { connections } = useConnections();
  const [chosen, setChosen] = useState<number | null>(null);
  const current = connections.find((c) => c.id === chosen) ?? connections[0] ?? null;
  const { state, health } = useObsInstance(current?.id ?? null, current?.status.state);
  const live = current?.status.state === 'connected';

  return (
    <section className="page obs-page" data-testid="page-obs">
      <header className="page-header">
        <h1>{t('common:page.obs.title')}</h1>
        <p>{t('common:page.obs.description')}</p>
      </header>
      <ConnectionsPanel connections={connections} selected={current?.id ?? null} onSelect={setChosen} />
      {!current && <div className="empty-state">{t('page.none')}</div>}
      {current && state && (
        <>
          {!live && (
            <p className="warning obs-stale" role="status">
              {t('scenes.notConnected')}
            </p>
          )}
          <div className="obs-grid">
            <CameraStrip state={state} live={live} />
            <ScenesPanel state={state} live={live} />
            <OutputsPanel state={state} live={live} name={current.name} />
            <HealthPanel health={health} />
            <AudioPanel state={state} live={live} />
            <OverlayPanel state={state} live={live} />
          </div>
        </>
      )}
    </section>
  );
}
