import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsConnection, ProvisionResult } from '@shared/api/domains/obs';
import { useApi, useOnConnected } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

/** Creates or repairs the overlay browser sources in an OBS instance (the OBS area's operation). */
export function ObsProvision() {
  const { t } = useTranslation('overlays');
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
  const provision = async () => {
    if (instanceId === null) return;
    setResult(null);
    const done = await run(() => api.obs.provisionOverlays({ instanceId }));
    if (done) setResult(done);
  };
  return (
    <div className="ovp-obs" data-testid="overlay-obs">
      <span>{t('page.obsTitle')}</span>
      {connections.length === 0 ? (
        <span className="ovp-hint">{t('page.obsNone')}</span>
      ) : (
        <>
          <select value={instanceId ?? ''} onChange={(e) => setInstanceId(Number(e.target.value))}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
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
      {error && <ApiErrorText error={error} />}
    </div>
  );
}
