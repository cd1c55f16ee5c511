import { z } from 'zod';
import { countryField } from './countries';

/**
 * Browser-safe field schemas for the account forms (register, sign-in, profile) and the
 * API inputs that receive them, so the storefront and the server check the same rules.
 */

/** The login: trimmed and lowercased, so `Ann@Example.com ` and `ann@example.com` are one. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'at most 254 characters' })
  .pipe(z.email({ error: 'expected an email address' }));

export const nameField = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(100, { error: 'at most 100 characters' });

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** A new password (register, change password). Never trimmed: every character counts. */
export const newPasswordField = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `at most ${PASSWORD_MAX_LENGTH} characters` });

/** A password being checked (sign-in, current password): any length a stored one can have. */
export const passwordField = z
  .string()
  .min(1, { error: 'required' })
  .max(PASSWORD_MAX_LENGTH, { error: `at most ${PASSWORD_MAX_LENGTH} characters` });

/** `+` and 7–15 digits (E.164); spaces and dashes are allowed and removed: `+1 415-555-2671`. */
export const phoneField = z
  .string()
  .trim()
  .max(32, { error: 'at most 32 characters' })
  .transform((phone) => phone.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\+\d{7,15}$/, { error: 'expected + and 7 to 15 digits' }));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` })
    .transform((text) => (text === '' ? null : text))
    .nullish();

const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .max(max, { error: `at most ${max} characters` });

export const addressField = z
  .object({
    line1: requiredText(120),
    line2: optionalText(120),
    city: requiredText(80),
    region: optionalText(80),
    postalCode: requiredText(20),
    /** ISO 3166-1 alpha-2, e.g. `GB`: an assigned code (`ZZ` is refused). */
    country: countryField,
  })
  .strict();

export type Address = z.output<typeof addressField>;
