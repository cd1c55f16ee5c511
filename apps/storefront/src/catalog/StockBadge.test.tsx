// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StockBadge } from './StockBadge';

afterEach(cleanup);

describe('StockBadge', () => {
  it('shows the count with its level', () => {
    render(<StockBadge available={3} />);
    const badge = screen.getByText('Only 3 left');
    expect(badge.className).toContain('stock-low');
    expect(badge.className).not.toContain('stock-changed');
  });

  it('flashes on each live change: a new element per version, so the animation replays', () => {
    const { rerender } = render(<StockBadge available={3} version={4} />);
    const before = screen.getByText('Only 3 left');
    expect(before.className).toContain('stock-changed');
    rerender(<StockBadge available={0} version={5} />);
    const after = screen.getByText('Sold out');
    expect(after).not.toBe(before);
    expect(after.className).toContain('stock-out');
    expect(after.className).toContain('stock-changed');
  });
});
