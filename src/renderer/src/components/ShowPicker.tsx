import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Show } from '@shared/api/domains/shelf';

/**
 * The one show picker: shows by date and title (from `useShows`), the chosen show's id as the
 * option value. `none` is the empty choice, when the page has one.
 */
export function ShowPicker({
  shows,
  value,
  onChange,
  none,
  disabled,
  testId,
  ariaLabel,
}: {
  shows: readonly Show[];
  value: number | null;
  onChange: (id: number | null, e: ChangeEvent<HTMLSelectElement>) => void;
  none?: { label: string; disabled?: boolean };
  disabled?: boolean;
  testId?: string;
  ariaLabel?: string;
}) {
  const { t } = useTranslation('shelf');
  return (
    <select
      aria-label={ariaLabel}
      data-testid={testId}
      disabled={disabled}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value), e)}
    >
      {none && (
        <option value="" disabled={none.disabled}>
          {none.label}
        </option>
      )}
      {shows.map((s) => (
        <option key={s.id} value={s.id}>
          {t('rundown.showOption', { date: s.showDate, title: s.title })}
        </option>
      ))}
    </select>
  );
}
