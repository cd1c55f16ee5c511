import { emailField, nameField, newPasswordField, PASSWORD_MIN_LENGTH } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { type FieldErrors, sentence, validate, withoutEdited } from '../lib/field-errors';
import { safeNextPath } from '../session/next-path';
import { adoptSession, useSession } from '../session/useSession';
import { trpc } from '../trpc';
import { Field, FormError } from '../ui/Field';
import { toast } from '../ui/toast';
import { authProblem } from './auth-errors';
import './account.css';

const signUpSchema = z.object({ name: nameField, email: emailField, password: newPasswordField });

export function SignUpPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const { user } = useSession();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const edit = (next: typeof form) => {
    setFields((errors) => withoutEdited(errors, form, next));
    setForm(next);
  };
  const register = useMutation(trpc.auth.register.mutationOptions());

  useEffect(() => {
    document.title = 'Create an account · Stockpulse';
  }, []);
  if (user && !register.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = validate(signUpSchema, form);
    setFormError(null);
    if (!checked.ok) return setFields(checked.fields);
    setFields({});
    register.mutate(checked.data, {
      onSuccess: (created) => {
        adoptSession(created);
        toast.success(`Welcome to Stockpulse, ${created.name.split(' ')[0]}`);
        navigate(next, { replace: true });
      },
      onError: (error) => {
        const problem = authProblem(error);
        setFields(problem.fields);
        setFormError(problem.form);
      },
    });
  };

  const bind = (key: keyof typeof form) => ({
    name: key,
    value: form[key],
    error: sentence(fields[key]),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      edit({ ...form, [key]: event.target.value }),
  });

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="signup-heading">
        <h1 id="signup-heading">Create your account</h1>
        <p className="muted">Check out faster and follow every order live.</p>
        <FormError message={formError} />
        <Field label="Full name" autoComplete="name" {...bind('name')} />
        <Field label="Email" type="email" autoComplete="email" {...bind('email')} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          {...bind('password')}
        />
        <button
          type="submit"
          className="button button-large button-block"
          disabled={register.isPending}
        >
          {register.isPending ? 'Creating your account…' : 'Create account'}
        </button>
        <p className="auth-switch">
          Already have an account?{' '}
          <Link to={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>
        </p>
      </form>
    </div>
  );
}
