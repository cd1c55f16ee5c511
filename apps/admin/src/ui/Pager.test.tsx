// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCursorPages } from './Pager';

describe('useCursorPages', () => {
  it('walks forward and back through the cursors the API handed out', () => {
    const { result } = renderHook(() => useCursorPages('all'));
    expect(result.current).toMatchObject({ cursor: null, page: 1 });
    act(() => result.current.next('c1'));
    act(() => result.current.next('c2'));
    expect(result.current).toMatchObject({ cursor: 'c2', page: 3 });
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ cursor: 'c1', page: 2 });
  });

  it('starts at page one in the very render a filter changes: no stale cursor is ever sent', () => {
    const { result, rerender } = renderHook(({ key }) => useCursorPages(key), {
      initialProps: { key: 'newest' },
    });
    act(() => result.current.next('newest-cursor'));
    rerender({ key: 'total_desc' });
    expect(result.current).toMatchObject({ cursor: null, page: 1 });
    act(() => result.current.next('total-cursor'));
    expect(result.current).toMatchObject({ cursor: 'total-cursor', page: 2 });
  });
});
