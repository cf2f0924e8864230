import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsState, ProvisionResult } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

const OVERLAY_SCENE = 'ShelfCast Overlays';

/** Creates or repairs the overlay scene in this OBS and nests it into the ticked scenes; reloads overlays. */
export function OverlayPanel({ state, live }: { state: ObsState; live: boolean }) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const { error, busy, run } = useAction();
  const [scenes, setScenes] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ProvisionResult | null>(null);
  const [reloaded, setReloaded] = useState<number | null>(null);
  const instanceId = state.instanceId;

  const provision = async () => {
    setResult(null);
    setReloaded(null);
    const r = await run(() => api.obs.provisionOverlays({ instanceId, scenes: [...scenes] }));
    if (r) setResult(r);
  };
  const reload = async () => {
    setResult(null);
    const r = await run(() => api.obs.reloadOverlays({ instanceId }));
    if (r) setReloaded(r.reloaded.length);
  };

  return (
    <section className="card obs-overlays" aria-labelledby="obs-overlays-title">
      <h2 id="obs-overlays-title">{t('overlays.title')}</h2>
      <p className="help">{t('overlays.hint')}</p>
      <fieldset className="obs-overlay-scenes">
        <legend>{t('overlays.scenes')}</legend>
        {state.scenes
          .filter((s) => s !== OVERLAY_SCENE)
          .map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={scenes.has(s)}
                onChange={(e) =>
                  setScenes((cur) => {
                    const next = new Set(cur);
                    if (e.target.checked) next.add(s);
                    else next.delete(s);
                    return next;
                  })
                }
              />
              <span>{s}</span>
            </label>
          ))}
      </fieldset>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!live || busy}
          onClick={() => void provision()}
          data-testid="obs-provision"
        >
          {busy ? t('overlays.working') : t('overlays.provision')}
        </button>
        <button
          type="button"
          disabled={!live || busy}
          onClick={() => void reload()}
          data-testid="obs-reload-overlays"
        >
          {t('overlays.reload')}
        </button>
      </div>
      {result && (
        <p role="status" className="notice" data-testid="obs-provision-result">
          {result.unchanged
            ? t('overlays.unchanged')
            : t('overlays.done', {
                created: result.createdSources.length,
                updated: result.updatedSources.length,
                nested: result.nestedInto.length,
              })}
        </p>
      )}
      {reloaded !== null && (
        <p role="status" className="notice">
          {t('overlays.reloaded', { count: reloaded })}
        </p>
      )}
      {error && <ApiErrorText error={error} />}
    </section>
  );
}
