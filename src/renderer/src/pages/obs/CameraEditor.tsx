import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, ObsState } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

/** Maps camera presets (the names rundown slots use) to a scene or to a source inside a scene. */
export function CameraEditor({ state, onDone }: { state: ObsState; onDone: () => void }) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const { error, busy, run } = useAction();
  const [rows, setRows] = useState<Camera[]>(() =>
    state.cameras.map(({ preset, kind, sceneName, sourceName }) => ({ preset, kind, sceneName, sourceName })),
  );
  const update = (i: number, patch: Partial<Camera>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    const cameras = rows.map((r) => ({ ...r, sourceName: r.kind === 'source' ? r.sourceName : null }));
    const done = await run(() => api.obs.setCameras({ instanceId: state.instanceId, cameras }));
    if (done) onDone();
  };

  return (
    <div className="obs-camera-editor" data-testid="obs-camera-editor">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('cameras.preset')}</th>
            <th scope="col">{t('cameras.kind')}</th>
            <th scope="col">{t('cameras.scene')}</th>
            <th scope="col">{t('cameras.source')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <kbd>{i + 1}</kbd>{' '}
                <input
                  aria-label={t('cameras.preset')}
                  value={r.preset}
                  maxLength={80}
                  onChange={(e) => update(i, { preset: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={t('cameras.kind')}
                  value={r.kind}
                  onChange={(e) => update(i, { kind: e.target.value as Camera['kind'] })}
                >
                  <option value="scene">{t('cameras.kindScene')}</option>
                  <option value="source">{t('cameras.kindSource')}</option>
                </select>
              </td>
              <td>
                <select
                  aria-label={t('cameras.scene')}
                  value={r.sceneName}
                  onChange={(e) => update(i, { sceneName: e.target.value })}
                >
                  {!state.scenes.includes(r.sceneName) && <option value={r.sceneName}>{r.sceneName}</option>}
                  {state.scenes.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {r.kind === 'source' && (
                  <input
                    aria-label={t('cameras.source')}
                    value={r.sourceName ?? ''}
                    onChange={(e) => update(i, { sourceName: e.target.value })}
                  />
                )}
              </td>
              <td>
                <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                  {t('cameras.removeRow')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ApiErrorText error={error} />}
      <div className="actions">
        <button
          type="button"
          data-testid="obs-camera-add"
          onClick={() =>
            setRows((rs) => [
              ...rs,
              { preset: '', kind: 'scene', sceneName: state.scenes[0] ?? '', sourceName: null },
            ])
          }
        >
          {t('cameras.addRow')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void save()}
          data-testid="obs-camera-save"
        >
          {t('cameras.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('connections.cancel')}
        </button>
      </div>
    </div>
  );
}
