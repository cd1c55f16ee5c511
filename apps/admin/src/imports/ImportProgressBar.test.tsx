// @vitest-environment jsdom
import type { ImportProgress } from '@stockpulse/shared';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportProgressBar, percentDone } from './ImportProgressBar';

afterEach(cleanup);

const progress = (over: Partial<ImportProgress>): ImportProgress => ({
  id: 7,
  status: 'running',
  total: 1_200,
  processed: 300,
  created: 120,
  updated: 30,
  unchanged: 140,
  failed: 10,
  ...over,
});

describe('the import progress bar', () => {
  it('shows the rows done out of the file and what they came to', () => {
    render(<ImportProgressBar progress={progress({})} />);
    const bar = screen.getByRole('progressbar', { name: 'Import #7 progress' });
    expect(bar.getAttribute('value')).toBe('25');
    expect(screen.getByRole('status').textContent).toBe('Importing · 300 of 1,200 rows (25 %)');
    const counts = within(screen.getByRole('list', { name: 'Import #7 counts' }));
    expect(counts.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '120 created',
      '30 updated',
      '140 unchanged',
      '10 failed',
    ]);
    expect(counts.getByText('10 failed').className).toBe('error-text');
  });

  it('is indeterminate while queued, full when done, and never rounds up to 100 % early', () => {
    const { rerender } = render(
      <ImportProgressBar progress={progress({ status: 'queued', total: 0, processed: 0 })} />,
    );
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('Waiting to start');
    rerender(<ImportProgressBar progress={progress({ status: 'done', processed: 1_200 })} />);
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('100');
    expect(percentDone({ status: 'running', processed: 1_199, total: 1_200 })).toBe(99);
    expect(percentDone({ status: 'failed', processed: 0, total: 0 })).toBe(0);
  });
});
