import { useTranslation } from 'react-i18next';
import type { PageId } from '../app/routes';

/** Frame for an area whose capability lands in a later issue: says what it will hold. */
export function PlaceholderPage({ page }: { page: PageId }) {
  const { t } = useTranslation();
  return (
    <section className="page" data-testid={`page-${page}`}>
      <header className="page-header">
        <h1>{t(`page.${page}.title`)}</h1>
        <p>{t(`page.${page}.description`)}</p>
      </header>
      <div className="empty-state">{t('page.comingSoon')}</div>
    </section>
  );
}
