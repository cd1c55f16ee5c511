import type { Header } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';

/** A column header: a button when the column sorts, with aria-sort for screen readers. */
export function SortHeader<T>({
  header,
  numeric,
}: {
  header: Header<T, unknown>;
  numeric?: boolean;
}) {
  const column = header.column;
  const label = flexRender(column.columnDef.header, header.getContext());
  const className = numeric ? 'num' : undefined;
  if (!column.getCanSort()) {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  }
  const sorted = column.getIsSorted();
  const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
    >
      <button type="button" className="sort-button" onClick={column.getToggleSortingHandler()}>
        {label}
        <Icon size={14} aria-hidden="true" className={sorted ? '' : 'muted'} />
      </button>
    </th>
  );
}
