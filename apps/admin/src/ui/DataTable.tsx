import {
  flexRender,
  getCoreRowModel,
  type OnChangeFn,
  type SortingState,
  type TableOptions,
  useReactTable,
} from '@tanstack/react-table';
import type { HTMLAttributes, ReactNode } from 'react';
import { SortHeader } from './SortHeader';
import { Empty, ErrorState, SkeletonRows } from './states';
import { TableScroll } from './TableScroll';

/** What a column says about its cells, in its `meta`. */
export interface CellMeta<T> {
  /** Right-aligned figures: the header and the cells get `num`. */
  numeric?: boolean;
  /** The cells' class (instead of `num`), fixed or per row. */
  className?: string | ((row: T) => string);
  /** Extra attributes on each cell, e.g. a `data-col` for tests. */
  cellAttributes?: Record<`data-${string}`, string>;
}

export const cellMeta = <T,>(column: { columnDef: { meta?: unknown } }) =>
  (column.columnDef.meta ?? {}) as CellMeta<T>;

type RowAttributes = HTMLAttributes<HTMLTableRowElement> &
  Record<`data-${string}`, string | number>;

/**
 * A list's table over TanStack Table: headers (sortable ones as buttons), skeleton rows
 * while loading, then the rows; under it the query's failure with a retry, or what to say
 * when there is nothing to list. Sorting, when given, is the server's: one column at a time,
 * descending first, never unsorted.
 */
export function DataTable<T>(props: {
  columns: TableOptions<T>['columns'];
  rows: T[] | undefined;
  loading: boolean;
  rowId: (row: T) => string | number;
  rowAttributes?: (row: T) => RowAttributes;
  /** The query behind the rows: its failure shows under the table. */
  query?: { isError: boolean; error: unknown; refetch: () => unknown };
  /** Shown when the list is empty. */
  empty?: ReactNode;
  dense?: boolean;
  /** `aria-busy` on the table while it refetches (left off when not given). */
  busy?: boolean;
  skeletonRows?: number;
  sorting?: { state: SortingState; onChange: OnChangeFn<SortingState> };
}) {
  const { sorting, query } = props;
  const table = useReactTable<T>({
    data: props.rows ?? [],
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(props.rowId(row)),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    ...(sorting
      ? {
          enableSortingRemoval: false,
          sortDescFirst: true,
          state: { sorting: sorting.state },
          onSortingChange: sorting.onChange,
        }
      : { enableSorting: false }),
  });
  const cellClass = (meta: CellMeta<T>, row: T) =>
    typeof meta.className === 'function'
      ? meta.className(row)
      : (meta.className ?? (meta.numeric ? 'num' : undefined));

  return (
    <>
      <TableScroll>
        <table className={props.dense ? 'table table-dense' : 'table'} aria-busy={props.busy}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <SortHeader
                    key={header.id}
                    header={header}
                    numeric={Boolean(cellMeta<T>(header.column).numeric)}
                  />
                ))}
              </tr>
            ))}
          </thead>
          {props.loading ? (
            <SkeletonRows columns={props.columns.length} rows={props.skeletonRows} />
          ) : (
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id} {...props.rowAttributes?.(row.original)}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cellMeta<T>(cell.column);
                    return (
                      <td
                        key={cell.id}
                        className={cellClass(meta, row.original)}
                        {...meta.cellAttributes}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          )}
        </table>
      </TableScroll>
      {query?.isError && <ErrorState error={query.error} retry={query.refetch} />}
      {props.rows?.length === 0 && props.empty !== undefined && <Empty>{props.empty}</Empty>}
    </>
  );
}
