import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsConnection } from '@shared/api/domains/obs';
import type { OverlayHealth, OverlayPageHealth } from '@shared/api/domains/overlays';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

const POLL_MS = 2000;

/**
 * Each overlay page OBS should load, per orientation: connected, revision applied, last frame.
 * A missing or stale page is flagged, and one click reloads its browser source in every
 * connected OBS of that orientation (obs-websocket `refreshnocache`).
 */
export function OverlayHealthPanel() {
  const { t } = useTranslation('obs');
  const { t: tShow } = useTranslation('showday');
  const api = useApi();
  const [health, setHealth] = useState<OverlayHealth | null>(null);
  const [obs, setObs] = useState<ObsConnection[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { error, setError, run } = useAction();
  const load = () => void api.overlays.health({}).then((r) => r.ok && setHealth(r.value));
  const loadObs = () => void api.obs.connections({}).then((r) => r.ok && setObs(r.value.connections));
  useOnConnected(() => {
    load();
    loadObs();
  });
  useStudioEvent('overlays.health', setHealth);
  useStudioEvent('obs.connectionsChanged', loadObs);
  useStudioEvent('obs.status', ({ instanceId, status }) =>
    setObs((list) => list.map((o) => (o.id === instanceId ? { ...o, status } : o))),
  );
  // Frame times tick without events: re-read while the page is shown.
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === 'visible' && load(), POLL_MS);
    return () => clearInterval(timer);
  });
  if (!health || health.pages.length === 0) return null;

  const refresh = async (row: OverlayPageHealth) => {
    setDone(null);
    setError(undefined);
    const targets = obs.filter((o) => o.orientation === row.orientation && o.status.state === 'connected');
    if (targets.length === 0) return setDone(t('obsOrient.health.noObs'));
    for (const o of targets) {
      const refreshed = await run(() => api.obs.refreshOverlay({ instanceId: o.id, overlay: row.overlay }));
      if (!refreshed) return;
      setDone(t('obsOrient.health.refreshed', { source: `${o.name} · ${refreshed.sourceName}` }));
    }
  };
  const ago = (at: number | null) =>
    at === null
      ? t('obsOrient.health.never')
      : t('obsOrient.health.secondsAgo', { seconds: Math.max(0, Math.round((health.at - at) / 1000)) });

  return (
    <section className="ovp-health" data-testid="overlay-health">
      <h2>{t('obsOrient.health.title')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('obsOrient.health.page')}</th>
            <th>{t('obsOrient.orientation')}</th>
            <th>{t('obsOrient.health.state')}</th>
            <th>{t('obsOrient.health.rev')}</th>
            <th>{t('obsOrient.health.lastFrame')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {health.pages.map((p) => (
            <tr
              key={`${p.overlay}-${p.orientation}`}
              data-testid="overlay-health-row"
              data-overlay={p.overlay}
              data-orientation={p.orientation}
              data-state={p.state}
              className={p.state === 'ok' ? '' : 'ovp-health-bad'}
            >
              <td>{tShow(`overlay.${p.overlay}`)}</td>
              <td>{t(`obsOrient.${p.orientation}`)}</td>
              <td role={p.state === 'ok' ? undefined : 'alert'}>
                <strong>{t(`obsOrient.health.${p.state}`)}</strong>{' '}
                <span dir="ltr">
                  {p.connected}/{p.expected}
                </span>
              </td>
              <td dir="ltr">
                {p.rev ?? '—'}
                {p.rev !== null && p.rev < p.currentRev && (
                  <> ({t('obsOrient.health.behind', { behind: p.currentRev - p.rev })})</>
                )}
              </td>
              <td>{ago(p.lastFrameAt)}</td>
              <td>
                {p.state !== 'ok' && (
                  <button
                    type="button"
                    data-testid="overlay-health-refresh"
                    title={t('obsOrient.health.refreshHint')}
                    onClick={() => void refresh(p)}
                  >
                    {t('obsOrient.health.refresh')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {done && (
        <p role="status" className="ovp-hint" data-testid="overlay-health-done">
          {done}
        </p>
      )}
      {error && <ApiErrorText error={error} />}
    </section>
  );
}
