import { apiError } from '@stockpulse/live';
import type { CardFieldErrors } from './card-form';

/**
 * The tokenizer's field errors (`number`, `expMonth`/`expYear`, `cvc`, or a cause's
 * `details.field`) under the card form's inputs.
 */
export function serverCardErrors(error: unknown): CardFieldErrors {
  const { fieldErrors, details, message, cause } = apiError(error);
  const fields: CardFieldErrors = {};
  if (fieldErrors.number) fields.number = fieldErrors.number;
  const expiry = fieldErrors.expMonth ?? fieldErrors.expYear;
  if (expiry) fields.expiry = expiry;
  if (fieldErrors.cvc) fields.cvc = fieldErrors.cvc;
  if (cause === 'INVALID_PAYMENT_METHOD' && Object.keys(fields).length === 0) {
    const field = (details as { field?: string } | undefined)?.field;
    const key = field === 'expMonth' || field === 'expYear' ? 'expiry' : field;
    if (key === 'number' || key === 'expiry' || key === 'cvc') fields[key] = message;
  }
  return fields;
}
