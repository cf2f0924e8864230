import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsConnection } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionStatusText } from './ConnectionStatusText';

/** Named OBS instances with live status; add, edit, test, retry, remove. */
export function ConnectionsPanel({
  connections,
  selected,
  onSelect,
}: {
  connections: ObsConnection[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const [editing, setEditing] = useState<ObsConnection | 'new' | null>(null);
  const { error, run } = useAction();

  const remove = async (c: ObsConnection) => {
    if (!window.confirm(t('connections.removeConfirm', { name: c.name }))) return;
    await run(() => api.obs.removeConnection({ id: c.id }));
  };
  const retry = async (c: ObsConnection) => {
    await run(() => api.obs.retryNow({ id: c.id }));
  };

  return (
    <section className="card obs-connections" aria-labelledby="obs-connections-title">
      <h2 id="obs-connections-title">{t('connections.title')}</h2>
      {connections.length === 0 && editing === null && <p className="help">{t('connections.empty')}</p>}
      <ul className="obs-connection-list">
        {connections.map((c) => (
          <li
            key={c.id}
            data-testid="obs-connection"
            data-selected={c.id === selected}
            className={c.id === selected ? 'selected' : ''}
          >
            <button
              type="button"
              className="obs-connection-name"
              onClick={() => onSelect(c.id)}
              aria-pressed={c.id === selected}
            >
              <strong>{c.name}</strong>
              <span dir="ltr" className="obs-address">
                {c.host}:{c.port}
              </span>
              <span
                className="obs-orientation"
                data-testid="obs-connection-orientation"
                data-orientation={c.orientation}
              >
                {t(`obsOrient.${c.orientation}`)}
              </span>
            </button>
            <ConnectionStatusText status={c.status} />
            <span className="obs-connection-actions">
              {(c.status.state === 'retrying' || c.status.state === 'failed') && (
                <button type="button" onClick={() => void retry(c)} data-testid="obs-retry">
                  {t('connections.retry')}
                </button>
              )}
              <button type="button" onClick={() => setEditing(c)}>
                {t('connections.edit')}
              </button>
              <button type="button" className="danger" onClick={() => void remove(c)}>
                {t('connections.remove')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {error && <ApiErrorText error={error} />}
      {editing === null ? (
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="obs-add">
          {t('connections.add')}
        </button>
      ) : (
        <ConnectionForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) onSelect(saved.id);
          }}
        />
      )}
    </section>
  );
}
