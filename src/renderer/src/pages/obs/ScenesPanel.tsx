import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsState } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

/** Scene list with program/preview marks, studio mode, take, cut and the transition. */
export function ScenesPanel({ state, live }: { state: ObsState; live: boolean }) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const { error, busy, run } = useAction();
  const instanceId = state.instanceId;
  const [duration, setDuration] = useState<string>('');

  const pick = (sceneName: string) =>
    run(() =>
      state.studioMode
        ? api.obs.setPreview({ instanceId, sceneName })
        : api.obs.setProgram({ instanceId, sceneName }),
    );

  return (
    <section className="card obs-scenes" aria-labelledby="obs-scenes-title">
      <h2 id="obs-scenes-title">{t('scenes.title')}</h2>
      <p className="help">{t('scenes.hint')}</p>
      <div className="obs-toolbar">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="obs-studio-mode"
            checked={state.studioMode}
            disabled={!live}
            onChange={(e) => void run(() => api.obs.studioMode({ instanceId, enabled: e.target.checked }))}
          />
          <span>{t('scenes.studioMode')}</span>
        </label>
        <button
          type="button"
          className="primary"
          data-testid="obs-take"
          disabled={!live || !state.studioMode || busy}
          onClick={() => void run(() => api.obs.take({ instanceId }))}
        >
          {t('scenes.take')}
        </button>
        <button
          type="button"
          data-testid="obs-cut"
          disabled={!live || !state.studioMode || busy}
          onClick={() => void run(() => api.obs.cut({ instanceId }))}
        >
          {t('scenes.cut')}
        </button>
        <label className="obs-inline">
          <span>{t('scenes.transition')}</span>
          <select
            value={state.transition.name ?? ''}
            disabled={!live}
            onChange={(e) => void run(() => api.obs.transition({ instanceId, name: e.target.value }))}
          >
            {state.transitions.map((tr) => (
              <option key={tr.name} value={tr.name}>
                {tr.name}
              </option>
            ))}
          </select>
        </label>
        <label className="obs-inline">
          <span>{t('scenes.duration')}</span>
          <input
            type="number"
            min={50}
            max={20000}
            step={50}
            dir="ltr"
            className="obs-duration"
            value={duration || String(state.transition.durationMs ?? '')}
            onChange={(e) => setDuration(e.target.value)}
            onBlur={() => {
              if (!duration) return;
              void run(() => api.obs.transition({ instanceId, durationMs: Number(duration) })).then(() =>
                setDuration(''),
              );
            }}
          />
        </label>
      </div>
      <ul className="obs-scene-list" data-testid="obs-scenes">
        {state.scenes.map((name) => {
          const onProgram = name === state.program;
          const onPreview = state.studioMode && name === state.preview;
          return (
            <li key={name}>
              <button
                type="button"
                disabled={!live}
                data-testid="obs-scene"
                data-scene={name}
                data-program={onProgram}
                data-preview={onPreview}
                className={`obs-scene ${onProgram ? 'is-program' : ''} ${onPreview ? 'is-preview' : ''}`}
                onClick={() => void pick(name)}
              >
                <span>{name}</span>
                {onProgram && <span className="badge badge-program">{t('scenes.program')}</span>}
                {onPreview && <span className="badge badge-preview">{t('scenes.preview')}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {error && <ApiErrorText error={error} />}
    </section>
  );
}
