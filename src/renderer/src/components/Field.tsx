import type { ReactNode } from 'react';

/**
 * The one form field: its label, the control, an optional hint, and the field's own error under it
 * (the label is marked `has-error` while there is one). The control stays the caller's, so each
 * keeps its own type, test id and handlers.
 */
export function Field({
  label,
  children,
  hint,
  error,
  announce,
  className,
}: {
  label: ReactNode;
  children: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Read the error out as it appears (`role="alert"`): a form checked as a whole on save. */
  announce?: boolean;
  className?: string;
}) {
  const classes = [className, error ? 'has-error' : undefined].filter(Boolean).join(' ');
  return (
    <label className={classes || undefined}>
      <span>{label}</span>
      {children}
      {hint}
      {error && (
        <span className="field-error" role={announce ? 'alert' : undefined}>
          {error}
        </span>
      )}
    </label>
  );
}

/** A date and time typed in Beijing time (`datetime-local`, left to right in every language). */
export function BeijingTimeInput({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}) {
  return (
    <input
      type="datetime-local"
      dir="ltr"
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
