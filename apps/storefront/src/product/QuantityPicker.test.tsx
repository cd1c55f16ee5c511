// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { clampQuantity, QuantityPicker } from './QuantityPicker';

afterEach(cleanup);

function Picker({ max }: { max: number }) {
  const [value, setValue] = useState(1);
  return <QuantityPicker value={value} max={max} onChange={setValue} />;
}

describe('clampQuantity', () => {
  it('keeps a quantity within what can be bought', () => {
    expect(clampQuantity(5, 1, 3)).toBe(3);
    expect(clampQuantity(0, 1, 3)).toBe(1);
    expect(clampQuantity(2.7, 1, 3)).toBe(2);
    expect(clampQuantity(Number.NaN, 1, 3)).toBe(1);
    expect(clampQuantity(4, 1, 0)).toBe(1);
  });
});

describe('QuantityPicker', () => {
  it('steps up to the maximum and no further', async () => {
    render(<Picker max={2} />);
    const input = screen.getByRole('spinbutton', { name: 'Quantity' });
    const more = screen.getByRole('button', { name: 'Increase quantity' });
    await userEvent.click(more);
    expect(input).toHaveProperty('value', '2');
    expect(more).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Decrease quantity' }));
    expect(input).toHaveProperty('value', '1');
    expect(screen.getByRole('button', { name: 'Decrease quantity' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('clamps a typed number to what is available', () => {
    render(<Picker max={4} />);
    const input = screen.getByRole('spinbutton', { name: 'Quantity' });
    fireEvent.change(input, { target: { value: '40' } });
    expect(input).toHaveProperty('value', '4');
  });
});
