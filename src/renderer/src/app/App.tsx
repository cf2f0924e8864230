import { useTranslation } from 'react-i18next';
import { useConnectionState, useRole } from '../api/studio-api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusBar } from '../components/StatusBar';
import { LogPage } from '../pages/LogPage';
import { LivePage } from '../pages/live/LivePage';
import { ObsPage } from '../pages/obs/ObsPage';
import { OrdersPage } from '../pages/orders/OrdersPage';
import { OverlaysPage } from '../pages/overlays/OverlaysPage';
import { RundownPage } from '../pages/rundown/RundownPage';
import { ShelfPage } from '../pages/shelf/ShelfPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { ReportPage } from '../pages/report/ReportPage';
import { EventPage } from '../pages/event/EventPage';
import { ShowPage } from '../pages/show/ShowPage';
import { SettingsPage } from '../pages/SettingsPage';
import { pages, type PageId } from './routes';
import { usePage } from './use-page';
import { HistoryDrawer } from './HistoryDrawer';
import { RoleView } from './RoleView';

const pageViews: Record<PageId, () => React.JSX.Element> = {
  show: ShowPage,
  dashboard: DashboardPage,
  report: ReportPage,
  event: EventPage,
  shelf: ShelfPage,
  rundown: RundownPage,
  live: LivePage,
  orders: OrdersPage,
  obs: ObsPage,
  overlays: OverlaysPage,
  settings: SettingsPage,
  log: LogPage,
};

function PageView({ page }: { page: PageId }) {
  const View = pageViews[page];
  return <View />;
}

/** The operator frame: navigation, the current page, and the status bar. */
export function App() {
  const { t } = useTranslation();
  const [page, go] = usePage();
  const connection = useConnectionState();
  const who = useRole();
  const readOnly = who !== undefined && who.role !== 'operator';
  // Prompter, data desk and guest links get their own read-only view instead of the operator frame.
  if (who !== undefined && who.role !== 'operator' && connection.kind !== 'unauthorized')
    return <RoleView who={{ role: who.role, label: who.label }} />;
  // Read-only roles have nothing to change in Settings.
  const visiblePages = readOnly ? pages.filter((p) => p !== 'settings') : pages;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <strong>{t('app.name')}</strong>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        {readOnly && (
          <span className="role-badge" data-testid="role-badge" data-role={who.role}>
            {t('app.readOnlyBadge', { role: t(`roles.${who.role}`) })}
            {who.label && ` · ${who.label}`}
          </span>
        )}
        <div className="top-bar-tools">
          {!readOnly && <HistoryDrawer />}
          <LanguageSwitch />
        </div>
      </header>
      <nav className="side-nav" aria-label={t('nav.label')}>
        <ul>
          {visiblePages.map((p, i) => (
            <li key={p}>
              <a
                href={`#/${p}`}
                aria-current={p === page ? 'page' : undefined}
                data-testid={`nav-${p}`}
                onClick={(e) => {
                  e.preventDefault();
                  go(p);
                }}
              >
                <span>{t(`nav.${p}`)}</span>
                {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {connection.kind === 'reconnecting' && (
          <div role="alert" className="core-down-banner" data-testid="core-down-banner">
            <strong>{t('onAir.coreDown')}</strong> {t('onAir.coreDownStill')}
          </div>
        )}
        {connection.kind === 'unauthorized' ? (
          <div role="alert" className="error-text" data-testid="unauthorized">
            {t('connection.unauthorized')}
          </div>
        ) : (
          <PageView page={page} />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
