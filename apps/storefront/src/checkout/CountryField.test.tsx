// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CountryField, countryOptions } from './CountryField';

afterEach(cleanup);

function Picker({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <CountryField value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

describe('CountryField', () => {
  it('offers every ISO 3166-1 country by name, sorted, and no ZZ', () => {
    const options = countryOptions('en');
    expect(options).toHaveLength(249);
    expect(options.find((option) => option.code === 'GB')?.name).toBe('United Kingdom');
    const names = options.map((option) => option.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(options.some((option) => option.code === 'ZZ')).toBe(false);
  });

  it('is a select labelled Country whose value is the code', async () => {
    render(<Picker />);
    const select = screen.getByRole('combobox', { name: 'Country' });
    expect(select.querySelectorAll('option')).toHaveLength(250); // with "Choose a country"
    await userEvent.selectOptions(select, 'Germany');
    expect(screen.getByTestId('value').textContent).toBe('DE');
  });

  it('shows a saved lower-case code selected', () => {
    render(<Picker initial="gb" />);
    const select = screen.getByRole('combobox', { name: 'Country' }) as HTMLSelectElement;
    expect(select.value).toBe('GB');
    expect(select.selectedOptions[0]?.textContent).toBe('United Kingdom');
  });
});
