import { apiError } from '@stockpulse/live';
import { newPasswordField, PASSWORD_MIN_LENGTH, passwordField } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { type FieldErrors, sentence, validate, withoutEdited } from '../lib/field-errors';
import { plural } from '../lib/format';
import { trpc } from '../trpc';
import { Field, FormError } from '../ui/Field';
import { toast } from '../ui/toast';
import { authProblem } from './auth-errors';

/** The server's rules (ZChangePasswordInput), plus the confirmation only a form needs. */
const passwordSchema = z
  .object({ current: passwordField, next: newPasswordField, confirm: z.string() })
  .refine((input) => input.next !== input.current, {
    path: ['next'],
    error: 'must differ from the current password',
  })
  .refine((input) => input.confirm === input.next, {
    path: ['confirm'],
    error: 'does not match the new password',
  });

const empty = { current: '', next: '', confirm: '' };

export function PasswordForm() {
  const [form, setForm] = useState(empty);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const edit = (next: typeof form) => {
    setFields((errors) => withoutEdited(errors, form, next));
    setForm(next);
  };
  const change = useMutation(trpc.account.changePassword.mutationOptions());

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = validate(passwordSchema, form);
    if (!checked.ok) return setFields(checked.fields);
    setFields({});
    change.mutate(
      { current: checked.data.current, next: checked.data.next },
      {
        onSuccess: ({ revokedSessions }) => {
          setForm(empty);
          toast.success('Your password is changed', {
            description:
              revokedSessions > 0
                ? `We signed you out of ${plural(revokedSessions, 'other session')}.`
                : undefined,
          });
        },
        onError: (error) => {
          if (apiError(error).cause === 'INVALID_CREDENTIALS') {
            setFields({ current: 'that is not your current password' });
            return;
          }
          const problem = authProblem(error);
          setFields(problem.fields);
          setFormError(problem.form);
        },
      },
    );
  };

  const bind = (key: keyof typeof empty) => ({
    name: key,
    type: 'password',
    value: form[key],
    error: sentence(fields[key]),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      edit({ ...form, [key]: event.target.value }),
  });

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <FormError message={formError} />
      <Field label="Current password" autoComplete="current-password" {...bind('current')} />
      <Field
        label="New password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        {...bind('next')}
      />
      <Field label="Confirm new password" autoComplete="new-password" {...bind('confirm')} />
      <button type="submit" className="button" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
