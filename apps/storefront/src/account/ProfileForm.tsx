import type { RouterOutputs } from '@stockpulse/live';
import { nameField, phoneField } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { type FieldErrors, sentence, validate, withoutEdited } from '../lib/field-errors';
import { queryClient, trpc } from '../trpc';
import { Field, FormError } from '../ui/Field';
import { toast } from '../ui/toast';
import { authProblem } from './auth-errors';

type Profile = RouterOutputs['account']['get'];

const profileSchema = z.object({
  name: nameField,
  // An empty box clears the phone number.
  phone: z.union([z.literal('').transform(() => null), phoneField]),
});

/** Name and phone (the email is the login and cannot change). */
export function ProfileForm({ profile }: { profile: Profile }) {
  const [form, setForm] = useState({ name: profile.name, phone: profile.phone ?? '' });
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const edit = (next: typeof form) => {
    setFields((errors) => withoutEdited(errors, form, next));
    setForm(next);
  };
  const update = useMutation(trpc.account.update.mutationOptions());

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = validate(profileSchema, form);
    if (!checked.ok) return setFields(checked.fields);
    setFields({});
    update.mutate(checked.data, {
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.account.get.queryKey(), saved);
        queryClient.setQueryData(trpc.auth.me.queryKey(), (me) =>
          me ? { ...me, name: saved.name } : me,
        );
        setForm({ name: saved.name, phone: saved.phone ?? '' });
        toast.success('Your details are saved');
      },
      onError: (error) => {
        const problem = authProblem(error);
        setFields(problem.fields);
        setFormError(problem.form);
      },
    });
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="profile-heading">
      <h2 id="profile-heading">Personal information</h2>
      <FormError message={formError} />
      <Field
        label="Email"
        name="email"
        type="email"
        value={profile.email}
        readOnly
        hint="Your email is your sign-in and can’t be changed."
      />
      <Field
        label="Full name"
        name="name"
        autoComplete="name"
        value={form.name}
        error={sentence(fields.name)}
        onChange={(event) => edit({ ...form, name: event.target.value })}
      />
      <Field
        label="Phone (optional)"
        name="phone"
        type="tel"
        autoComplete="tel"
        hint="With country code, e.g. +1 415 555 2671"
        value={form.phone}
        error={sentence(fields.phone)}
        onChange={(event) => edit({ ...form, phone: event.target.value })}
      />
      <button type="submit" className="button" disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save details'}
      </button>
    </form>
  );
}
