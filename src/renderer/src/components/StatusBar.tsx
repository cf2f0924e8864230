import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceName, ServiceStatus } from '@shared/api/domains/system';
import { useApi, useConnectionState, useOnConnected, useStudioEvent } from '../api/studio-api';

const shown: ServiceName[] = ['obs', 'overlays', 'orders', 'database', 'server'];
/** Shown only when something needs the operator (a lost or exposed secret key). */
const onlyWhenAmiss: ServiceName[] = ['secrets'];

/** Connection to the core, then one pill per service; each pill explains itself on hover and to screen readers. */
export function StatusBar() {
  const { t } = useTranslation();
  const api = useApi();
  const connection = useConnectionState();
  const [statuses, setStatuses] = useState<Partial<Record<ServiceName, ServiceStatus>>>({});

  useOnConnected(() => {
    void api.system.status().then((r) => {
      if (r.ok) setStatuses(Object.fromEntries(r.value.services.map((s) => [s.name, s])));
    });
  });
  useStudioEvent('system.statusChanged', (s) => setStatuses((prev) => ({ ...prev, [s.name]: s })));

  return (
    <footer className="status-bar" aria-label={t('status.label')} data-testid="status-bar">
      <ConnectionPill state={connection} />
      {[...shown, ...onlyWhenAmiss].map((name) => {
        const s = statuses[name];
        if (onlyWhenAmiss.includes(name) && s?.state !== 'warning' && s?.state !== 'error') return null;
        const detail = s ? t(s.detailKey, s.params) : t('common.loading');
        return (
          <span
            key={name}
            className={`pill pill-${s?.state ?? 'starting'}`}
            title={detail}
            data-testid={`status-${name}`}
            data-state={s?.state ?? 'unknown'}
          >
            <span className="dot" aria-hidden="true" />
            <strong>{t(`status.service.${name}`)}</strong>
            {/* A full disk is said in the pill itself ("disk full: N MB free"), not only on hover. */}
            <span>
              {s
                ? s.detailKey === 'disk.full'
                  ? detail
                  : t(`status.state.${s.state}`)
                : t('common.loading')}
            </span>
            <span className="visually-hidden">{detail}</span>
          </span>
        );
      })}
    </footer>
  );
}

function ConnectionPill({ state }: { state: ReturnType<typeof useConnectionState> }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.kind !== 'reconnecting') return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [state.kind]);
  const text =
    state.kind === 'reconnecting'
      ? t('connection.reconnecting', { seconds: Math.max(0, Math.ceil((state.retryAt - now) / 1000)) })
      : t(`connection.${state.kind}`);
  const css = state.kind === 'connected' ? 'ok' : state.kind === 'unauthorized' ? 'error' : 'warning';
  return (
    <span className={`pill pill-${css}`} data-testid="connection" data-state={state.kind} role="status">
      <span className="dot" aria-hidden="true" />
      <span>{text}</span>
    </span>
  );
}
