import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useCallback, useState } from 'react';

/**
 * Keyset pages: the API hands out a `nextCursor`, so going back means remembering the
 * cursors that led here. A new `filterKey` (another filter, search or sort) starts over
 * at page one in the same render: a cursor is only valid for the list that handed it out.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({
    key: filterKey,
    cursors: [null],
  });
  const cursors = state.key === filterKey ? state.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const next = useCallback(
    (nextCursor: string) =>
      setState((previous) => ({
        key: filterKey,
        cursors: [...(previous.key === filterKey ? previous.cursors : [null]), nextCursor],
      })),
    [filterKey],
  );
  const previous = useCallback(
    () =>
      setState((current) => ({
        key: filterKey,
        cursors:
          current.key === filterKey && current.cursors.length > 1
            ? current.cursors.slice(0, -1)
            : [null],
      })),
    [filterKey],
  );
  return { cursor, page: cursors.length, next, previous };
}

export function Pager(props: {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  label: string;
}) {
  const { nextCursor } = props;
  return (
    <nav className="pager" aria-label={`${props.label} pages`}>
      <span className="muted">Page {props.page}</span>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={props.onPrevious}
        disabled={props.page <= 1}
      >
        <ChevronLeft size={16} aria-hidden="true" /> Previous
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => nextCursor && props.onNext(nextCursor)}
        disabled={!nextCursor}
      >
        Next <ChevronRight size={16} aria-hidden="true" />
      </button>
    </nav>
  );
}

/** The Pager of a list paged with useCursorPages. */
export function CursorPager(props: {
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
}) {
  return (
    <Pager
      label={props.label}
      page={props.pages.page}
      nextCursor={props.nextCursor}
      onNext={props.pages.next}
      onPrevious={props.pages.previous}
    />
  );
}
