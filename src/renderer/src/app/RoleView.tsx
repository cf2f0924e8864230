import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/studio-api';
import type { AccessRole } from '@shared/api/domains/settings';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusBar } from '../components/StatusBar';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { GuestView } from '../pages/roles/GuestView';
import { PrompterView } from '../pages/roles/PrompterView';
import '../pages/roles/roles.css';

/**
 * The frame for a non-operator access link: one read-only view per role (prompter, data desk,
 * guest) instead of the operator frame. The core refuses their control calls anyway; the view
 * simply offers none. It lives beside App (the operator frame) because, like App, it composes pages.
 */
export function RoleView({ who }: { who: { role: Exclude<AccessRole, 'operator'>; label: string } }) {
  const { t } = useTranslation();
  return (
    <div className="role-app" data-role={who.role}>
      <header className="top-bar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <strong>{t('app.name')}</strong>
        </div>
        <span className="role-badge" data-testid="role-badge" data-role={who.role}>
          {t('app.readOnlyBadge', { role: t(`roles.${who.role}`) })}
          {who.label && ` · ${who.label}`}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="role-content">
        {who.role === 'prompter' && <PrompterView />}
        {who.role === 'datadesk' && <DashboardPage />}
        {who.role === 'guest' && <GuestView label={who.label} />}
      </main>
      {/* A guest (a county official) sees no technical status; only a lost connection is said. */}
      {who.role === 'guest' ? <GuestConnection /> : <StatusBar />}
    </div>
  );
}

function GuestConnection() {
  const { t } = useTranslation();
  const connection = useConnectionState();
  if (connection.kind === 'connected') return null;
  return (
    <p role="alert" className="guest-connection" data-testid="guest-connection">
      {connection.kind === 'reconnecting' ? t('onAir.coreDown') : t(`connection.${connection.kind}`)}
    </p>
  );
}
