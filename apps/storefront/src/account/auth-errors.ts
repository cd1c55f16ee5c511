import { apiError } from '@stockpulse/live';
import { plainMessage } from '../lib/errors';
import { type FieldErrors, serverFieldErrors } from '../lib/field-errors';
import { plural } from '../lib/format';

/**
 * A refused sign-in, sign-up or password change, split into the messages that belong
 * under a field and the one for the whole form.
 */
export function authProblem(error: unknown): { fields: FieldErrors; form: string | null } {
  const { cause, details } = apiError(error);
  switch (cause) {
    case 'EMAIL_TAKEN':
      return {
        fields: { email: 'An account with this email already exists. Sign in instead?' },
        form: null,
      };
    case 'INVALID_CREDENTIALS':
      return { fields: {}, form: 'That email and password don’t match an account.' };
    case 'TOO_MANY_ATTEMPTS': {
      const seconds = details?.retryAfterSeconds;
      const wait =
        typeof seconds === 'number'
          ? seconds >= 90
            ? plural(Math.ceil(seconds / 60), 'minute')
            : plural(Math.max(1, Math.round(seconds)), 'second')
          : 'a few minutes';
      return { fields: {}, form: `Too many attempts. Try again in ${wait}.` };
    }
    case 'WEAK_PASSWORD': {
      // The server's sentence says why (common, a repeat, the email…); under its field.
      const field = details?.field;
      const message = error instanceof Error ? error.message : '';
      if (typeof field === 'string' && message) return { fields: { [field]: message }, form: null };
      break;
    }
    default:
      break;
  }
  const fields = serverFieldErrors(error);
  const { _form, ...rest } = fields;
  if (Object.keys(rest).length > 0) return { fields: rest, form: _form ?? null };
  return { fields: {}, form: _form ?? plainMessage(error) };
}
