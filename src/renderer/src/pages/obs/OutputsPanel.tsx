import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsState } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';

/** Stream and recording controls; stopping a live stream asks first. */
export function OutputsPanel({ state, live, name }: { state: ObsState; live: boolean; name: string }) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const { error, busy, run } = useAction();
  const [confirmStop, setConfirmStop] = useState(false);
  const instanceId = state.instanceId;
  const { stream, record } = state.outputs;
  const rec = (action: 'start' | 'stop' | 'pause' | 'resume') =>
    run(() => api.obs.record({ instanceId, action }));

  return (
    <section className="card obs-outputs" aria-labelledby="obs-outputs-title">
      <h2 id="obs-outputs-title">{t('outputs.title')}</h2>
      <div className="obs-output-row">
        <strong>{t('outputs.stream')}</strong>
        <span
          className={`obs-onair ${stream.active ? 'is-live' : ''}`}
          data-testid="obs-stream-state"
          data-active={stream.active}
        >
          {stream.active ? t('outputs.live') : t('outputs.offAir')}
        </span>
        {stream.reconnecting && <span className="warning">{t('outputs.reconnecting')}</span>}
        {stream.active ? (
          <button
            type="button"
            className="danger"
            disabled={!live || busy}
            onClick={() => setConfirmStop(true)}
            data-testid="obs-stream-stop"
          >
            {t('outputs.stopStream')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!live || busy}
            onClick={() => void run(() => api.obs.stream({ instanceId, action: 'start' }))}
            data-testid="obs-stream-start"
          >
            {t('outputs.startStream')}
          </button>
        )}
      </div>
      {confirmStop && (
        <div
          role="alertdialog"
          aria-modal="false"
          aria-labelledby="obs-stop-q"
          className="obs-confirm"
          data-testid="obs-stop-confirm"
        >
          <p id="obs-stop-q">{t('outputs.stopStreamConfirm', { name })}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              data-testid="obs-stop-confirm-yes"
              onClick={() => {
                setConfirmStop(false);
                void run(() => api.obs.stream({ instanceId, action: 'stop' }));
              }}
            >
              {t('outputs.stopStream')}
            </button>
            <button
              type="button"
              autoFocus
              onClick={() => setConfirmStop(false)}
              data-testid="obs-stop-confirm-no"
            >
              {t('connections.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="obs-output-row">
        <strong>{t('outputs.record')}</strong>
        <span
          className={`obs-onair ${record.active && !record.paused ? 'is-live' : ''}`}
          data-testid="obs-record-state"
          data-active={record.active}
        >
          {record.active
            ? record.paused
              ? t('outputs.paused')
              : t('outputs.recording')
            : t('outputs.notRecording')}
        </span>
        {record.active ? (
          <>
            <button
              type="button"
              disabled={!live || busy}
              onClick={() => void rec(record.paused ? 'resume' : 'pause')}
              data-testid="obs-record-pause"
            >
              {record.paused ? t('outputs.resume') : t('outputs.pause')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={!live || busy}
              onClick={() => void rec('stop')}
              data-testid="obs-record-stop"
            >
              {t('outputs.stopRecord')}
            </button>
          </>
        ) : (
          <button
            type="button"
            disabled={!live || busy}
            onClick={() => void rec('start')}
            data-testid="obs-record-start"
          >
            {t('outputs.startRecord')}
          </button>
        )}
      </div>
      {record.lastPath && <p className="help">{t('outputs.lastFile', { path: record.lastPath })}</p>}
      {error && <ApiErrorText error={error} />}
    </section>
  );
}
