import { emailField, passwordField } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { type FieldErrors, sentence, validate, withoutEdited } from '../lib/field-errors';
import { safeNextPath } from '../session/next-path';
import { adoptSession, useSession } from '../session/useSession';
import { trpc } from '../trpc';
import { Field, FormError } from '../ui/Field';
import { toast } from '../ui/toast';
import { authProblem } from './auth-errors';
import './account.css';
import { z } from 'zod';

const signInSchema = z.object({ email: emailField, password: passwordField });

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const { user } = useSession();
  const [form, setForm] = useState({ email: '', password: '' });
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const edit = (next: typeof form) => {
    setFields((errors) => withoutEdited(errors, form, next));
    setForm(next);
  };
  const login = useMutation(trpc.auth.login.mutationOptions());

  useEffect(() => {
    document.title = 'Sign in · Stockpulse';
  }, []);
  if (user && !login.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = validate(signInSchema, form);
    setFormError(null);
    if (!checked.ok) return setFields(checked.fields);
    setFields({});
    login.mutate(checked.data, {
      onSuccess: (signedIn) => {
        adoptSession(signedIn);
        toast.success(`Welcome back, ${signedIn.name.split(' ')[0]}`);
        navigate(next, { replace: true });
      },
      onError: (error) => {
        const problem = authProblem(error);
        setFields(problem.fields);
        setFormError(problem.form);
      },
    });
  };

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="signin-heading">
        <h1 id="signin-heading">Sign in</h1>
        <p className="muted">Welcome back. Sign in to check out and follow your orders.</p>
        <FormError message={formError} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          error={sentence(fields.email)}
          onChange={(event) => edit({ ...form, email: event.target.value })}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={form.password}
          error={sentence(fields.password)}
          onChange={(event) => edit({ ...form, password: event.target.value })}
        />
        <button
          type="submit"
          className="button button-large button-block"
          disabled={login.isPending}
        >
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="auth-switch">
          New here? <Link to={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
        </p>
      </form>
    </div>
  );
}
