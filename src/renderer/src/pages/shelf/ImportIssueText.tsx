import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '@shared/api/domains/shelf';

/** “Row 4 · 直播价: “九十八” is not a price”: where, then why, in the UI language. */
export function ImportIssueText({ issue }: { issue: ImportIssue }) {
  const { t } = useTranslation('shelf');
  const params = { ...issue.params };
  if (typeof params.field === 'string') params.field = t(`field.${params.field}`);
  const reason = t(issue.key, params);
  // a whole-file reason that names the file itself is shown as it is
  if (issue.row === 0)
    return (
      <span>{'file' in issue.params ? reason : t('import.fileIssue', { file: issue.file, reason })}</span>
    );
  return (
    <span>
      {issue.column
        ? t('import.cellIssue', { row: issue.row, column: issue.column, reason })
        : t('import.rowIssue', { row: issue.row, reason })}
    </span>
  );
}
