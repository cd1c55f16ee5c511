import {
  CVC_LENGTH,
  cardBrand,
  cardDigits,
  formatCardNumber,
  formatExpiry,
} from '@stockpulse/shared/cards';
import { CreditCard } from 'lucide-react';
import { Field } from '../ui/Field';
import { type CardFieldErrors, type CardForm, typedBrand } from './card-form';
import './card-fields.css';

/**
 * Card number, expiry and security code, formatted as the shopper types (groups of four,
 * MM/YY) with the browser's card autofill. The number goes to the provider's tokenizer
 * only: the order carries the token, brand and last four digits.
 */
export function CardFields({
  value,
  onChange,
  errors,
  disabled = false,
}: {
  value: CardForm;
  onChange: (next: CardForm) => void;
  errors: CardFieldErrors;
  disabled?: boolean;
}) {
  const brand = typedBrand(value.number);
  const cvcLength = CVC_LENGTH[cardBrand(cardDigits(value.number))];
  return (
    <div className="card-fields">
      <div className="card-number">
        <Field
          label="Card number"
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="1234 1234 1234 1234"
          required
          disabled={disabled}
          value={value.number}
          error={errors.number}
          onChange={(event) => onChange({ ...value, number: formatCardNumber(event.target.value) })}
        />
        <span className="card-brand" aria-live="polite">
          <CreditCard aria-hidden="true" size={16} />
          {brand ?? ''}
        </span>
      </div>
      <div className="field-row">
        <Field
          label="Expiry (MM/YY)"
          name="cardExpiry"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM/YY"
          required
          disabled={disabled}
          value={value.expiry}
          error={errors.expiry}
          onChange={(event) => {
            const typed = event.target.value;
            // Deleting the slash deletes the digit before it, as shoppers expect.
            const next =
              typed.length < value.expiry.length && value.expiry.endsWith('/')
                ? typed.replace(/\/$/, '').slice(0, -1)
                : formatExpiry(typed);
            onChange({ ...value, expiry: next });
          }}
        />
        <Field
          label="Security code"
          name="cardCvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder={'•'.repeat(cvcLength)}
          required
          disabled={disabled}
          value={value.cvc}
          error={errors.cvc}
          maxLength={cvcLength}
          onChange={(event) => onChange({ ...value, cvc: cardDigits(event.target.value) })}
        />
      </div>
      <p className="muted small">
        Test cards: <code>4242 4242 4242 4242</code> pays, <code>4000 0000 0000 0002</code> is
        declined; any future expiry and any code.
      </p>
    </div>
  );
}
