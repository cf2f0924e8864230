import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isOperationName, operations } from '@shared/api/contract';
import type { ApiError } from '@shared/api/errors';
import { fieldName, type Translator } from '@shared/api/field-names';

type Issue = NonNullable<ApiError['issues']>[number];

/**
 * A typed API error in the UI language: the specific key when the core gave one, else the code;
 * then each bad field by its translated name (looked up through the operation's input schema, see
 * field-names.ts) with a translated reason.
 */
export function ApiErrorText({ error }: { error: ApiError }) {
  const { t, i18n } = useTranslation();
  const tr: Translator = {
    exists: (key) => i18n.exists(key),
    t: (key, params) => t(key, params ?? {}),
  };
  const schema = isOperationName(error.operation)
    ? (operations[error.operation].input as z.ZodType)
    : undefined;
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
              {t('errors.field', {
                field: fieldName(tr, issue.path, error.operation, schema),
                message: reason(issue),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
