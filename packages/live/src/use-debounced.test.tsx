// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDebounced } from './use-debounced';

function Search({ text, delayMs }: { text: string; delayMs?: number }) {
  return <output>{useDebounced(text, delayMs)}</output>;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useDebounced', () => {
  it('gives the value once it has stopped changing for the delay', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Search text="t" delayMs={300} />);
    rerender(<Search text="te" delayMs={300} />);
    act(() => vi.advanceTimersByTime(200));
    rerender(<Search text="tea" delayMs={300} />);
    act(() => vi.advanceTimersByTime(299));
    expect(screen.getByRole('status').textContent).toBe('t');
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole('status').textContent).toBe('tea');
  });

  it('waits 250 ms when not told otherwise', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Search text="a" />);
    rerender(<Search text="ab" />);
    act(() => vi.advanceTimersByTime(249));
    expect(screen.getByRole('status').textContent).toBe('a');
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole('status').textContent).toBe('ab');
  });
});
