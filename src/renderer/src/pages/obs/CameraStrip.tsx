import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsState } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { CameraEditor } from './CameraEditor';
import { useAction } from '../../data/use-action';
import { useDigitKeys } from './use-obs';

const THUMB_EVERY_MS = 2000;

/** Camera presets with live thumbnails; keys 1–9 switch. */
export function CameraStrip({ state, live }: { state: ObsState; live: boolean }) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const { error, run } = useAction();
  const [thumbs, setThumbs] = useState<Record<string, string | null>>({});
  const [editing, setEditing] = useState(false);
  const instanceId = state.instanceId;
  const cameras = state.cameras;
  const presets = cameras.map((c) => c.preset).join('\n');

  useEffect(() => {
    if (!live || !presets) return;
    let stopped = false;
    // The core throttles screenshots too; this only keeps one request in flight per view.
    const tick = async () => {
      const r = await api.obs.thumbnails({ instanceId, width: 240 });
      if (stopped) return;
      if (r.ok) setThumbs(Object.fromEntries(r.value.thumbnails.map((th) => [th.preset, th.imageData])));
      timer = setTimeout(() => void tick(), THUMB_EVERY_MS);
    };
    let timer = setTimeout(() => void tick(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, instanceId, live, presets]);

  const switchTo = (preset: string) => run(() => api.obs.camera({ instanceId, preset }));
  useDigitKeys((n) => {
    const cam = cameras[n - 1];
    if (cam && live) void switchTo(cam.preset);
  });

  const onAir = (c: ObsState['cameras'][number]) => c.kind === 'scene' && c.sceneName === state.program;

  return (
    <section className="card obs-cameras" aria-labelledby="obs-cameras-title">
      <h2 id="obs-cameras-title">{t('cameras.title')}</h2>
      <p className="help">{t('cameras.hint')}</p>
      {cameras.length === 0 && <p className="help">{t('cameras.empty')}</p>}
      <ol className="obs-camera-strip" data-testid="obs-camera-strip">
        {cameras.map((c) => (
          <li key={c.preset}>
            <button
              type="button"
              className={`obs-camera ${onAir(c) ? 'is-program' : ''}`}
              disabled={!live || !c.found}
              data-testid="obs-camera"
              data-preset={c.preset}
              aria-label={t('cameras.switch', { preset: c.preset, key: c.key })}
              onClick={() => void switchTo(c.preset)}
            >
              {thumbs[c.preset] ? (
                <img src={thumbs[c.preset]!} alt="" className="obs-thumb" />
              ) : (
                <span className="obs-thumb obs-thumb-empty">{t('cameras.noImage')}</span>
              )}
              <span className="obs-camera-label">
                <kbd>{c.key}</kbd> {c.preset}
              </span>
              {!c.found && <span className="warning">{t('cameras.notFound')}</span>}
            </button>
          </li>
        ))}
      </ol>
      {error && <ApiErrorText error={error} />}
      {editing ? (
        <CameraEditor state={state} onDone={() => setEditing(false)} />
      ) : (
        <button type="button" onClick={() => setEditing(true)} data-testid="obs-edit-cameras">
          {t('cameras.edit')}
        </button>
      )}
    </section>
  );
}
