import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/api/errors';

/** A typed API error in the UI language: the specific key when the core gave one, else the code, plus each bad field. */
export function ApiErrorText({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error-text" data-testid="api-error" data-code={error.code}>
      <p>{error.key ? t(error.key, error.params) : t(`errors.${error.code}`)}</p>
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((i) => (
            <li key={i.path}>{t('errors.field', { field: i.path, message: i.message })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
