import { apiError } from '@stockpulse/live';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogIn } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';

/** What a failed sign-in tells the person, by the cause the server gives. */
export function signInMessage(error: unknown): string {
  const info = apiError(error);
  if (info.cause === 'INVALID_CREDENTIALS') return 'That email and password do not match.';
  if (info.cause === 'TOO_MANY_ATTEMPTS') {
    const seconds = Number(info.details?.retryAfterSeconds);
    return Number.isFinite(seconds)
      ? `Too many attempts: try again in ${Math.ceil(seconds / 60)} min.`
      : 'Too many attempts: try again later.';
  }
  if (info.fieldErrors.email) return `Email: ${info.fieldErrors.email}`;
  if (info.fieldErrors.password) return `Password: ${info.fieldErrors.password}`;
  return info.message;
}

export function SignIn() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => queryClient.setQueryData(trpc.auth.me.queryKey(), user),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="auth-brand">
          <span className="logo" aria-hidden="true" />
          Stockpulse <span className="brand-tag">Admin</span>
        </div>
        <h1 id="sign-in-title">Sign in to the console</h1>
        <p className="muted">Staff accounts only.</p>
        <Field label="Email">
          {({ id }) => (
            <input
              id={id}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {({ id }) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {login.isError && (
          <p className="form-error" role="alert">
            {signInMessage(login.error)}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
          <LogIn size={16} aria-hidden="true" />
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
