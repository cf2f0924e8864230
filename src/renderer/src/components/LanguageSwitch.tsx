import { useTranslation } from 'react-i18next';
import { languages, type Language } from '@shared/i18n/resources';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-switch"
        aria-label={t('language.label')}
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.target.value as Language)}
      >
        {languages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
