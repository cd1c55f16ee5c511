import { describe, expect, it } from 'vitest';
import { authProblem } from './auth-errors';

const refused = (data: Record<string, unknown>) => Object.assign(new Error('refused'), { data });

describe('authProblem', () => {
  it('puts a taken email under the email field', () => {
    expect(authProblem(refused({ code: 'CONFLICT', cause: 'EMAIL_TAKEN' }))).toEqual({
      fields: { email: 'An account with this email already exists. Sign in instead?' },
      form: null,
    });
  });

  it('answers wrong credentials for the whole form, never saying which was wrong', () => {
    const problem = authProblem(refused({ code: 'UNAUTHORIZED', cause: 'INVALID_CREDENTIALS' }));
    expect(problem.fields).toEqual({});
    expect(problem.form).toBe('That email and password don’t match an account.');
  });

  it('says how long to wait after too many attempts', () => {
    const wait = (retryAfterSeconds: number) =>
      authProblem(
        refused({
          code: 'TOO_MANY_REQUESTS',
          cause: 'TOO_MANY_ATTEMPTS',
          details: { retryAfterSeconds },
        }),
      ).form;
    expect(wait(30)).toBe('Too many attempts. Try again in 30 seconds.');
    expect(wait(600)).toBe('Too many attempts. Try again in 10 minutes.');
    expect(wait(1)).toBe('Too many attempts. Try again in 1 second.');
  });

  it('puts the server’s reason for a guessable password under the field it names', () => {
    const message =
      'This password is too easy to guess: it is one of the most common passwords. Use a few words that do not belong together, or a longer phrase.';
    const weak = Object.assign(new Error(message), {
      data: { code: 'BAD_REQUEST', cause: 'WEAK_PASSWORD', details: { field: 'next' } },
    });
    expect(authProblem(weak)).toEqual({ fields: { next: message }, form: null });
  });

  it('maps the server’s zod field errors to fields', () => {
    const problem = authProblem(
      refused({
        code: 'BAD_REQUEST',
        cause: null,
        zodError: { formErrors: [], fieldErrors: { password: ['at least 10 characters'] } },
      }),
    );
    expect(problem).toEqual({ fields: { password: 'at least 10 characters' }, form: null });
  });

  it('falls back to a plain sentence', () => {
    expect(authProblem(refused({ code: 'INTERNAL_SERVER_ERROR' })).form).toMatch(
      /Something went wrong/,
    );
  });
});
