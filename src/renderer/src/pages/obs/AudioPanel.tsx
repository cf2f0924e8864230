import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsState } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

/** Mute/unmute the chosen inputs (anchor and guest microphones); choose them from OBS's audio inputs. */
export function AudioPanel({ state, live }: { state: ObsState; live: boolean }) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const { error, run } = useAction();
  const [choices, setChoices] = useState<string[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const instanceId = state.instanceId;

  const choose = async () => {
    const r = await run(() => api.obs.inputs({ instanceId }));
    if (!r) return;
    setChoices(r.inputs);
    setPicked(new Set(state.mutes.map((m) => m.inputName)));
  };
  const save = async () => {
    const inputs = [...picked];
    const ok = await run(() => api.obs.setAudioInputs({ instanceId, inputs }));
    if (ok) setChoices(null);
  };

  return (
    <section className="card obs-audio" aria-labelledby="obs-audio-title">
      <h2 id="obs-audio-title">{t('audio.title')}</h2>
      {state.mutes.length === 0 && <p className="help">{t('audio.empty')}</p>}
      <ul className="obs-mutes">
        {state.mutes.map((m) => (
          <li key={m.inputName} data-testid="obs-mute-row" data-input={m.inputName} data-muted={m.muted}>
            <span>{m.inputName}</span>
            {m.muted === null ? (
              <span className="warning">{t('audio.missing')}</span>
            ) : (
              <>
                <span className={m.muted ? 'warning' : 'notice'}>
                  {m.muted ? t('audio.muted') : t('audio.live')}
                </span>
                <button
                  type="button"
                  disabled={!live}
                  aria-pressed={m.muted}
                  onClick={() =>
                    void run(() => api.obs.mute({ instanceId, inputName: m.inputName, muted: !m.muted }))
                  }
                >
                  {m.muted ? t('audio.unmute') : t('audio.mute')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {choices === null ? (
        <button type="button" disabled={!live} onClick={() => void choose()}>
          {t('audio.choose')}
        </button>
      ) : (
        <div className="obs-audio-choices">
          {choices.map((name) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={picked.has(name)}
                onChange={(e) =>
                  setPicked((p) => {
                    const next = new Set(p);
                    if (e.target.checked) next.add(name);
                    else next.delete(name);
                    return next;
                  })
                }
              />
              <span>{name}</span>
            </label>
          ))}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()}>
              {t('audio.save')}
            </button>
            <button type="button" onClick={() => setChoices(null)}>
              {t('connections.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && <ApiErrorText error={error} />}
    </section>
  );
}
