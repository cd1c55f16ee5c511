import { COUNTRY_CODES } from '@stockpulse/shared';
import { useId, useMemo } from 'react';

/**
 * Countries by their names in the page's language (the browser's `Intl.DisplayNames`, so
 * no name table ships with the bundle), each with its ISO 3166-1 code as the value.
 */
export function countryOptions(locale?: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(locale ? [locale] : undefined, {
    type: 'region',
    fallback: 'code',
  });
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, locale),
  );
}

/**
 * The country of an address, picked from a list: a free-text code let through `ZZ` and
 * typos. A saved code the list lacks (an older address) stays selectable, so the form
 * shows what is stored until the shopper picks again.
 */
export function CountryField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const options = useMemo(() => countryOptions(), []);
  const code = value.trim().toUpperCase();
  const unknown = code !== '' && !options.some((option) => option.code === code);
  return (
    <div className={`field select-field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>Country</label>
      <select
        id={id}
        name="country"
        autoComplete="country"
        required
        value={code}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">Choose a country</option>
        {unknown && <option value={code}>{code}</option>}
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="error-country">
          {error}
        </p>
      )}
    </div>
  );
}
