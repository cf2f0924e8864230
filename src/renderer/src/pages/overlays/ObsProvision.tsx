import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stageSize, type ObsConnection, type ProvisionResult } from '@shared/api/domains/obs';
import { useApi, useOnConnected } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

/** Creates or repairs the overlay browser sources in an OBS instance (the OBS area's operation). */
export function ObsProvision() {
  const { t } = useTranslation('overlays');
  const { t: tObs } = useTranslation('obs');
  const api = useApi();
  const [connections, setConnections] = useState<ObsConnection[]>([]);
  const [instanceId, setInstanceId] = useState<number | null>(null);
  const [result, setResult] = useState<ProvisionResult | null>(null);
  const { error, busy, run } = useAction();
  useOnConnected(() => {
    void api.obs.connections().then((r) => {
      if (!r.ok) return;
      setConnections(r.value.connections);
      setInstanceId((cur) => cur ?? r.value.connections[0]?.id ?? null);
    });
  });
  const chosen = connections.find((c) => c.id === instanceId);
  const provision = async (setCanvas = false) => {
    if (instanceId === null) return;
    setResult(null);
    const done = await run(() => api.obs.provisionOverlays({ instanceId, setCanvas }));
    if (done) setResult(done);
  };
  return (
    <div className="ovp-obs" data-testid="overlay-obs">
      <span>{t('page.obsTitle')}</span>
      {connections.length === 0 ? (
        <span className="ovp-hint">{t('page.obsNone')}</span>
      ) : (
        <>
          <select
            data-testid="overlay-obs-select"
            value={instanceId ?? ''}
            onChange={(e) => {
              setInstanceId(Number(e.target.value));
              setResult(null);
            }}
          >
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {tObs(`obsOrient.${c.orientation}`)}
              </option>
            ))}
          </select>
          <button type="button" className="primary" disabled={busy} onClick={() => void provision()}>
            {busy ? t('page.obsWorking') : t('page.obsProvision')}
          </button>
        </>
      )}
      {result && (
        <span className="ovp-hint" role="status">
          {result.unchanged
            ? t('page.obsUnchanged', { scene: result.sceneName })
            : t('page.obsDone', {
                scene: result.sceneName,
                created: result.createdSources.length,
                updated: result.updatedSources.length,
              })}
        </span>
      )}
      {result && !result.canvas.matches && chosen && (
        <CanvasMismatch result={result} name={chosen.name} busy={busy} onSet={() => void provision(true)} />
      )}
      {result?.canvas.changed && (
        <span className="ovp-hint" role="status" data-testid="overlay-canvas-changed">
          {tObs('obsOrient.canvas.changed', {
            width: result.canvas.baseWidth,
            height: result.canvas.baseHeight,
          })}
        </span>
      )}
      {error && <ApiErrorText error={error} />}
    </div>
  );
}

/** The OBS canvas is not the orientation's size: offer to set it, after the operator confirms. */
function CanvasMismatch({
  result,
  name,
  busy,
  onSet,
}: {
  result: ProvisionResult;
  name: string;
  busy: boolean;
  onSet: () => void;
}) {
  const { t } = useTranslation('obs');
  const want = stageSize(result.orientation);
  const confirmText = t('obs:obsOrient.canvas.confirm', { name, ...want });
  return (
    <span className="ovp-hint" role="alert" data-testid="overlay-canvas-mismatch">
      {t('obs:obsOrient.canvas.mismatch', {
        name,
        width: result.canvas.baseWidth,
        height: result.canvas.baseHeight,
        orientation: t(`obsOrient.${result.orientation}`),
        wantWidth: want.width,
        wantHeight: want.height,
      })}{' '}
      <button
        type="button"
        disabled={busy}
        data-testid="overlay-canvas-set"
        onClick={() => window.confirm(confirmText) && onSet()}
      >
        {t('obs:obsOrient.canvas.set', want)}
      </button>
    </span>
  );
}
