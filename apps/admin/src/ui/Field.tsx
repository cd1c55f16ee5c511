import { type ReactNode, useId } from 'react';

/** A label, a control and the server's (or the form's) message for it, tied by ids. */
export function Field(props: {
  label: string;
  error?: string | null | undefined;
  hint?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = props.error ?? props.hint;
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        describedBy: message ? messageId : undefined,
        invalid: Boolean(props.error),
      })}
      {message && (
        <p id={messageId} className={props.error ? 'field-error' : 'field-hint'}>
          {message}
        </p>
      )}
    </div>
  );
}
