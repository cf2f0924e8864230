import { useId, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A file picker in the UI's language: a styled button and the chosen file's name (or "no file
 * chosen"), instead of the browser's own "Choose File / No file chosen". The real input stays in
 * the page (keyboard, screen readers and tests use it), visually hidden.
 */
export function FilePicker({
  label,
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [names, setNames] = useState<string[]>([]);
  return (
    <span className="file-picker">
      <input
        {...input}
        id={id}
        type="file"
        className="visually-hidden"
        onChange={(e) => {
          setNames([...(e.target.files ?? [])].map((f) => f.name));
          onChange?.(e);
        }}
      />
      <label htmlFor={id} className="file-picker-button">
        {label ?? t('figures2.chooseFile')}
      </label>
      <span className="file-picker-name" data-testid="file-picker-name">
        {names.length === 0
          ? t('figures2.noFileChosen')
          : names.length === 1
            ? names[0]
            : t('figures2.filesChosen', { count: names.length })}
      </span>
    </span>
  );
}
