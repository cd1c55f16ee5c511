import { type InputHTMLAttributes, useId } from 'react';

/** A labelled input with its hint and its error right below it, wired for screen readers. */
export function Field({
  label,
  error,
  hint,
  className = '',
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
}) {
  const id = useId();
  // The error replaces the hint: one message under the input, the one that matters now.
  const showHint = hint && !error;
  const describedBy = [showHint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {showHint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid={`error-${input.name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to the whole form (wrong password, server refused), announced. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      {message}
    </div>
  );
}
