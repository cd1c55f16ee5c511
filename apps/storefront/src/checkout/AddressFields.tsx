import { sentence } from '../lib/field-errors';
import { Field } from '../ui/Field';
import { CountryField } from './CountryField';

export interface AddressForm {
  name?: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export const emptyAddress: AddressForm = {
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
};

/**
 * The address inputs shared by checkout (with the recipient's name) and the account page
 * (without). `prefix` keeps names unique when a page has two address forms.
 */
export function AddressFields({
  value,
  onChange,
  errors,
  withName = false,
}: {
  value: AddressForm;
  onChange: (next: AddressForm) => void;
  errors: Record<string, string>;
  withName?: boolean;
}) {
  const bind = (key: keyof AddressForm) => ({
    name: key,
    value: value[key] ?? '',
    error: sentence(errors[key]),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ ...value, [key]: event.target.value }),
  });
  return (
    <div className="address-fields">
      {withName && <Field label="Full name" autoComplete="name" required {...bind('name')} />}
      <Field label="Address" autoComplete="address-line1" required {...bind('line1')} />
      <Field
        label="Apartment, suite, etc. (optional)"
        autoComplete="address-line2"
        {...bind('line2')}
      />
      <div className="field-row">
        <Field label="City" autoComplete="address-level2" required {...bind('city')} />
        <Field
          label="State / region (optional)"
          autoComplete="address-level1"
          {...bind('region')}
        />
      </div>
      <div className="field-row">
        <Field label="Postal code" autoComplete="postal-code" required {...bind('postalCode')} />
        <CountryField
          value={value.country}
          onChange={(country) => onChange({ ...value, country })}
          error={sentence(errors.country)}
        />
      </div>
    </div>
  );
}
