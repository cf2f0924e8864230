import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/api/errors';

type Issue = NonNullable<ApiError['issues']>[number];

/**
 * A typed API error in the UI language: the specific key when the core gave one, else the code;
 * then each bad field by its translated name with a translated reason.
 */
export function ApiErrorText({ error }: { error: ApiError }) {
  const { t, i18n } = useTranslation();
  const field = (path: string) => (i18n.exists(`fields.${path}`) ? t(`fields.${path}`) : path);
  const reason = (issue: Issue) =>
    issue.reason && i18n.exists(`errors.issue.${issue.reason}`)
      ? t(`errors.issue.${issue.reason}`, issue.params)
      : issue.message;
  return (
    <div role="alert" className="error-text" data-testid="api-error" data-code={error.code}>
      <p>{error.key ? t(error.key, error.params) : t(`errors.${error.code}`)}</p>
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue) => (
            <li key={issue.path} data-field={issue.path}>
              {t('errors.field', { field: field(issue.path), message: reason(issue) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
