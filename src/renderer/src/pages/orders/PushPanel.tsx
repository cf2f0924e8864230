import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PushSettingsSchema, type PushSettings, type PushStatus } from '@shared/api/domains/orders';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { formatCount } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';

/**
 * The optional push receiver: off by default (polling is the source of truth). On, it listens on a
 * local port that a tunnel or reverse proxy exposes as a public HTTPS URL; each shop has its own path.
 */
export function PushPanel() {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [status, setStatus] = useState<PushStatus>();
  const [draft, setDraft] = useState({ host: '', port: '' });
  const [invalid, setInvalid] = useState<'host' | 'port'>();
  const { error, setError, busy: saving, run } = useAction();

  const showSettings = (s: PushSettings) => setDraft({ host: s.host, port: String(s.port) });
  const load = () =>
    void api.orders.pushStatus({}).then((r) => {
      if (!r.ok) return;
      setStatus(r.value);
      showSettings(r.value.settings);
    });
  useOnConnected(load);
  useStudioEvent('orders.pushStatusChanged', setStatus);

  const apply = async (patch: Partial<PushSettings>) => {
    setError(undefined);
    // Same rules as the core's, checked here first so the operator sees which field is wrong.
    const bad = (['host', 'port'] as const).find(
      (f) => patch[f] !== undefined && !PushSettingsSchema.shape[f].safeParse(patch[f]).success,
    );
    setInvalid(bad);
    if (bad) return;
    const applied = await run(() => api.orders.setPushSettings(patch));
    if (!applied) return;
    setStatus(applied);
    showSettings(applied.settings);
  };
  const address = () => ({ host: draft.host.trim(), port: Number(draft.port) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(address());
  };

  if (!status) return null;
  const { settings } = status;
  return (
    <section className="card orders-push" aria-label={t('push.title')} data-testid="push-panel">
      <header className="orders-section-header">
        <h2>{t('push.title')}</h2>
        <label className="orders-push-switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="push-enabled"
            checked={settings.enabled}
            disabled={saving}
            onChange={(e) => void apply({ enabled: e.target.checked, ...address() })}
          />
          <span>{t('push.enable')}</span>
        </label>
      </header>
      <p className="muted">{t('push.explain')}</p>
      <form className="orders-push-address" noValidate onSubmit={submit}>
        <label>
          <span>{t('push.host')}</span>
          <input
            name="host"
            data-testid="push-host"
            aria-invalid={invalid === 'host'}
            value={draft.host}
            onChange={(e) => setDraft({ ...draft, host: e.target.value })}
          />
        </label>
        <label>
          <span>{t('push.port')}</span>
          <input
            name="port"
            inputMode="numeric"
            data-testid="push-port"
            aria-invalid={invalid === 'port'}
            value={draft.port}
            onChange={(e) => setDraft({ ...draft, port: e.target.value })}
          />
        </label>
        <button type="submit" data-testid="push-apply" disabled={saving}>
          {t('push.apply')}
        </button>
      </form>
      {invalid && (
        <p role="alert" className="error-text" data-testid="push-invalid">
          {t(`push.invalid.${invalid}`)}
        </p>
      )}
      {error && <ApiErrorText error={error} />}
      <p className="orders-push-state" data-testid="push-state" data-state={status.state}>
        {status.state === 'listening' && (
          <span className="ok-text">{t('push.listening', { origin: status.origin ?? '' })}</span>
        )}
        {status.state === 'off' && <span>{t('push.off')}</span>}
        {status.state === 'error' && status.error && (
          <span className="error-text" data-testid="push-error">
            {t(`push.error.${status.error}`, { host: settings.host, port: settings.port })}
          </span>
        )}
      </p>
      {settings.enabled && (
        <p className="orders-push-counters" data-testid="push-counters">
          <span>
            {t('push.counters', {
              received: formatCount(status.received),
              duplicates: formatCount(status.duplicates),
              rejected: formatCount(status.rejected),
            })}
          </span>
          <span>
            {status.lastEventAt
              ? t('push.lastEvent', {
                  time: t('showday:figures2.beijingTime', { time: beijingClock(status.lastEventAt, true) }),
                })
              : t('push.noEvent')}
          </span>
          {status.lastRejected && (
            <span className="error-text">
              {t('push.lastRejected', {
                time: t('showday:figures2.beijingTime', { time: beijingClock(status.lastRejected.at, true) }),
                reason: t(`push.reject.${status.lastRejected.reason}`),
              })}
            </span>
          )}
        </p>
      )}
      <h3>{t('push.shopsTitle')}</h3>
      {status.shops.length === 0 && <p className="empty-state">{t('push.noShops')}</p>}
      <ul className="orders-push-shops">
        {status.shops.map((s) => (
          <li key={s.id} data-testid={`push-shop-${s.id}`}>
            <strong>{s.label}</strong> <span className="muted">{t(`platform.${s.platform}`)}</span>{' '}
            <code dir="ltr" data-testid="push-path">
              {s.path}
            </code>
            {!s.ready && <span className="error-text">{t(`push.notReady.${s.platform}`)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
