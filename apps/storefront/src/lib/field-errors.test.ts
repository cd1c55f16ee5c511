import { addressField, emailField, newPasswordField } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  sentence,
  serverFieldErrors,
  validate,
  withoutEdited,
  zodFieldErrors,
} from './field-errors';

describe('validate with the shared schemas', () => {
  const signUp = z.object({ email: emailField, password: newPasswordField });

  it('gives the same words the server would, one per field', () => {
    const result = validate(signUp, { email: 'not-an-email', password: 'short' });
    expect(result).toEqual({
      ok: false,
      fields: { email: 'expected an email address', password: 'at least 10 characters' },
    });
  });

  it('returns the parsed data (trimmed, lowercased) when valid', () => {
    const result = validate(signUp, { email: ' Ann@Example.com ', password: 'long-enough-1' });
    expect(result).toEqual({
      ok: true,
      data: { email: 'ann@example.com', password: 'long-enough-1' },
    });
  });

  it('names nested fields by their path', () => {
    const nested = z.object({ address: addressField });
    const result = validate(nested, {
      address: { line1: '', city: 'X', postalCode: '1', country: 'GBR' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields['address.line1']).toBe('required');
      expect(result.fields['address.country']).toMatch(/two-letter ISO 3166-1 country code/);
    }
  });

  it('keeps the first message of a field with several', () => {
    const twoRules = z.object({ code: z.string().min(3, 'too short').regex(/^\d+$/, 'digits') });
    const parsed = twoRules.safeParse({ code: 'a' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(zodFieldErrors(parsed.error)).toEqual({ code: 'too short' });
  });
});

describe('serverFieldErrors', () => {
  it('maps error.data.zodError to fields, and form errors to _form', () => {
    const error = {
      data: {
        code: 'BAD_REQUEST',
        zodError: {
          formErrors: ['Unrecognized key'],
          fieldErrors: { email: ['expected an email address', 'second'], name: undefined },
        },
      },
    };
    expect(serverFieldErrors(error)).toEqual({
      email: 'expected an email address',
      _form: 'Unrecognized key',
    });
  });

  it('is empty for errors without field errors', () => {
    expect(serverFieldErrors(new Error('boom'))).toEqual({});
    expect(serverFieldErrors({ data: { code: 'CONFLICT', zodError: null } })).toEqual({});
  });
});

describe('withoutEdited', () => {
  it('drops the errors of the fields that changed, and only those', () => {
    const errors = { email: 'bad', password: 'short' };
    expect(
      withoutEdited(errors, { email: 'a', password: 'b' }, { email: 'a@', password: 'b' }),
    ).toEqual({ password: 'short' });
    const same = withoutEdited(errors, { email: 'a' }, { email: 'a' });
    expect(same).toBe(errors);
  });
});

describe('sentence', () => {
  it('capitalises and ends a message with a full stop', () => {
    expect(sentence('required')).toBe('Required.');
    expect(sentence('Done!')).toBe('Done!');
    expect(sentence(undefined)).toBeUndefined();
  });
});
