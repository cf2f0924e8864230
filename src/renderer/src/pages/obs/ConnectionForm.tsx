import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsConnection, Orientation } from '@shared/api/domains/obs';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { Field } from '../../components/Field';
import { useAction } from '../../data/use-action';

interface Draft {
  name: string;
  host: string;
  port: string;
  password: string;
  enabled: boolean;
  orientation: Orientation;
}

/** Add or edit an OBS connection; "Test" tries the settings once without saving. */
export function ConnectionForm({
  editing,
  onDone,
}: {
  editing: ObsConnection | null;
  onDone: (saved: ObsConnection | null) => void;
}) {
  const { t } = useTranslation('obs');
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => ({
    name: editing?.name ?? '',
    host: editing?.host ?? '127.0.0.1',
    port: String(editing?.port ?? 4455),
    password: '',
    enabled: editing?.enabled ?? true,
    orientation: editing?.orientation ?? 'landscape',
  }));
  const [tested, setTested] = useState<string>();
  const { error, setError, busy, run } = useAction();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const test = async () => {
    setError(undefined);
    setTested(undefined);
    const ok = await run(() =>
      api.obs.testConnection({
        host: draft.host,
        port: Number(draft.port),
        ...(draft.password || !editing ? { password: draft.password } : { id: editing.id }),
      }),
    );
    if (ok) setTested(t('connections.testOk', { obs: ok.obsVersion, ws: ok.websocketVersion }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const base = {
      name: draft.name,
      host: draft.host,
      port: Number(draft.port),
      enabled: draft.enabled,
      orientation: draft.orientation,
    };
    const saved = await run(() =>
      editing
        ? api.obs.updateConnection({
            id: editing.id,
            ...base,
            ...(draft.password ? { password: draft.password } : {}),
          })
        : api.obs.addConnection({ ...base, password: draft.password }),
    );
    if (saved) onDone(saved);
  };

  return (
    <form
      className="form obs-connection-form"
      noValidate
      onSubmit={(e) => void save(e)}
      data-testid="obs-connection-form"
    >
      <Field label={t('connections.name')}>
        <input
          data-testid="obs-name"
          value={draft.name}
          maxLength={80}
          onChange={(e) => set({ name: e.target.value })}
        />
      </Field>
      <div className="obs-row">
        <Field label={t('connections.host')}>
          <input
            dir="ltr"
            data-testid="obs-host"
            value={draft.host}
            onChange={(e) => set({ host: e.target.value })}
          />
        </Field>
        <Field label={t('connections.port')}>
          <input
            dir="ltr"
            type="number"
            min={1}
            max={65535}
            data-testid="obs-port"
            value={draft.port}
            onChange={(e) => set({ port: e.target.value })}
          />
        </Field>
      </div>
      <Field label={t('connections.password')}>
        <input
          type="password"
          autoComplete="off"
          data-testid="obs-password"
          value={draft.password}
          placeholder={editing?.hasPassword ? t('connections.passwordKeep') : undefined}
          onChange={(e) => set({ password: e.target.value })}
        />
      </Field>
      <label title={t('obsOrient.orientationHint')}>
        <span>{t('obsOrient.orientation')}</span>
        <select
          data-testid="obs-orientation"
          value={draft.orientation}
          onChange={(e) => set({ orientation: e.target.value as Orientation })}
        >
          <option value="landscape">{t('obsOrient.landscape')}</option>
          <option value="portrait">{t('obsOrient.portrait')}</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        <span>{t('connections.enabled')}</span>
      </label>
      {error && <ApiErrorText error={error} />}
      {tested && (
        <p role="status" className="notice" data-testid="obs-test-ok">
          {tested}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" data-testid="obs-save">
          {t('connections.save')}
        </button>
        <button type="button" disabled={busy} onClick={() => void test()} data-testid="obs-test">
          {t('connections.test')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('connections.cancel')}
        </button>
      </div>
    </form>
  );
}
