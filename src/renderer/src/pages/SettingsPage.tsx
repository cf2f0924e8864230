import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/api/domains/settings';
import type { ServiceStatus, SystemInfo } from '@shared/api/domains/system';
import type { OperationOutput } from '@shared/api/contract';
import { useApi, useOnConnected, useStudioEvent } from '../api/studio-api';
import { ApiErrorText } from '../components/ApiErrorText';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useAction } from '../data/use-action';
import { RoleLinksCard } from './RoleLinksCard';

type Access = OperationOutput<'access.access'>;

export function SettingsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [settings, setSettings] = useState<Settings>();
  const [draft, setDraft] = useState<Settings>();
  const [access, setAccess] = useState<Access>();
  const [info, setInfo] = useState<SystemInfo>();
  const { error, setError, run } = useAction();
  const [notice, setNotice] = useState<string>();
  /** The new operator token, shown once after it is replaced (only its hash is kept). */
  const [operatorToken, setOperatorToken] = useState<string>();
  /** Event mode's service status (the event server switch's effect: starting, linked, failed, stopped). */
  const [eventStatus, setEventStatus] = useState<ServiceStatus>();

  useOnConnected(() => {
    void api.settings.get().then((r) => {
      if (r.ok) {
        setSettings(r.value);
        setDraft(r.value);
      }
    });
    void api.access.access().then((r) => r.ok && setAccess(r.value));
    void api.system.info().then((r) => r.ok && setInfo(r.value));
    void api.system.status().then((r) => {
      if (r.ok) setEventStatus(r.value.services.find((s) => s.name === 'event'));
    });
  });
  useStudioEvent('system.statusChanged', (s) => {
    if (s.name === 'event') setEventStatus(s);
  });
  useStudioEvent('settings.changed', (s) => {
    setSettings(s);
    setDraft(s);
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setError(undefined);
    const saved = await run(() =>
      api.settings.update({
        studioName: draft.studioName,
        server: draft.server,
        ...(draft.event ? { event: draft.event } : {}),
      }),
    );
    if (!saved) return;
    setNotice(t('settings.saved'));
    const a = await api.access.access();
    if (a.ok) setAccess(a.value);
  };

  const rotate = async () => {
    if (!window.confirm(t('settings.rotateConfirm'))) return;
    const rotated = await run(() => api.access.rotateToken());
    if (!rotated) return;
    setAccess(rotated);
    setOperatorToken(rotated.token);
    setNotice(t('settings.rotated'));
  };

  const dirty = JSON.stringify(settings) !== JSON.stringify(draft);

  return (
    <section className="page" data-testid="page-settings">
      <header className="page-header">
        <h1>{t('page.settings.title')}</h1>
        <p>{t('page.settings.description')}</p>
      </header>

      <div className="card">
        <h2>{t('language.label')}</h2>
        <LanguageSwitch />
      </div>

      {draft && (
        <form className="card form" noValidate onSubmit={(e) => void save(e)}>
          <h2>{t('settings.general')}</h2>
          <label>
            <span>{t('settings.studioName')}</span>
            <input
              data-testid="studio-name"
              value={draft.studioName}
              maxLength={80}
              onChange={(e) => setDraft({ ...draft, studioName: e.target.value })}
            />
          </label>
          <h2>{t('settings.remoteAccess')}</h2>
          <p className="help">{t('settings.remoteAccessHelp')}</p>
          <label>
            <span>{t('settings.port')}</span>
            {access?.port != null && (
              <small className="help" data-testid="console-listening" data-port={access.port}>
                {t('figures2.listeningOn', { port: access.port })}
                {access.port !== draft.server.port &&
                  ` ${t('figures2.portDiffers', { setting: draft.server.port, port: access.port })}`}
              </small>
            )}
            <input
              type="number"
              min={1024}
              max={65535}
              data-testid="server-port"
              value={draft.server.port}
              onChange={(e) =>
                setDraft({ ...draft, server: { ...draft.server, port: Number(e.target.value) } })
              }
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="lan-access"
              checked={draft.server.lanAccess}
              onChange={(e) =>
                setDraft({ ...draft, server: { ...draft.server, lanAccess: e.target.checked } })
              }
            />
            <span>{t('settings.lanAccess')}</span>
          </label>
          {draft.server.lanAccess && <p className="warning">{t('settings.lanWarning')}</p>}
          <h2>{t('eventMore.settingsTitle')}</h2>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="event-server"
              checked={draft.event?.server === true}
              onChange={(e) => setDraft({ ...draft, event: { server: e.target.checked } })}
            />
            <span>{t('eventMore.serverSwitch')}</span>
          </label>
          <p className="help">{t('eventMore.serverHelp')}</p>
          <p
            role="status"
            data-testid="event-server-status"
            data-state={eventStatus?.state ?? 'stopped'}
            className={eventStatus?.state === 'error' ? 'warning' : 'help'}
          >
            {t('eventMore.serverState', {
              state: eventStatus
                ? t(eventStatus.detailKey, eventStatus.params)
                : t('eventMore.serverStateOff'),
            })}
          </p>
          {error && <ApiErrorText error={error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={!dirty} data-testid="settings-save">
              {t('settings.save')}
            </button>
            {notice && (
              <span role="status" className="notice">
                {notice}
              </span>
            )}
          </div>
        </form>
      )}

      <div className="card">
        <h2>{t('settings.accessUrls')}</h2>
        {access?.restartRequired && <p className="warning">{t('settings.restartRequired')}</p>}
        {access && !access.running && <p>{t('settings.notRunning')}</p>}
        {access?.running && <p className="help">{t('access.launchLinksHelp')}</p>}
        {access?.running && !access.lanAccess && (
          <p className="warning" role="note" data-testid="loopback-warning">
            {t('figures2.loopbackOnly')}
          </p>
        )}
        <ul className="url-list">
          {access?.urls.map((url) => (
            <li key={url}>
              <code dir="ltr" data-testid="access-url">
                {url}
              </code>
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard?.writeText(url).then(() => setNotice(t('settings.copied')))
                }
              >
                {t('settings.copy')}
              </button>
            </li>
          ))}
        </ul>
        {operatorToken && (
          <div className="notice" role="status" data-testid="operator-token">
            <p>
              <strong>{t('access.operatorTokenTitle')}</strong>
            </p>
            <p className="help">{t('access.operatorTokenHelp')}</p>
            <code dir="ltr" data-testid="operator-token-value">
              {operatorToken}
            </code>
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(operatorToken).then(() => setNotice(t('settings.copied')))
              }
            >
              {t('settings.copy')}
            </button>
            <button type="button" onClick={() => setOperatorToken(undefined)}>
              {t('access.dismiss')}
            </button>
          </div>
        )}
        {access?.running && (
          <button type="button" className="danger" onClick={() => void rotate()} data-testid="rotate-token">
            {t('settings.rotateToken')}
          </button>
        )}
      </div>

      {access?.running && <RoleLinksCard lanAccess={access.lanAccess} />}

      {info && (
        <div className="card" data-testid="about">
          <h2>{t('settings.about')}</h2>
          <dl className="facts">
            <dt>{t('settings.versionLabel')}</dt>
            <dd dir="ltr">{info.version}</dd>
            <dt>{t('settings.mode')}</dt>
            <dd>{info.mode === 'electron' ? t('settings.modeElectron') : t('settings.modeHeadless')}</dd>
            <dt>{t('settings.dataDir')}</dt>
            <dd dir="ltr" data-testid="data-dir">
              {info.dataDir}
            </dd>
            <dt>{t('settings.versions')}</dt>
            <dd dir="ltr">
              {Object.entries(info.versions)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => `${k} ${String(v)}`)
                .join(' · ')}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
