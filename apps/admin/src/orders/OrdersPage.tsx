import { ORDER_STATUSES, type OrderStatus } from '@stockpulse/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { Search } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { humanize } from '../lib/format';
import { useRecentOrderChanges } from '../lib/useRecentOrderChanges';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { Pager, useCursorPages } from '../ui/Pager';
import { SortHeader } from '../ui/SortHeader';
import { Empty, ErrorState, SkeletonRows } from '../ui/states';
import { useDebounced } from '../ui/useDebounced';
import { orderColumns } from './columns';
import { isOrderSort, sortFromTable, tableFromSort } from './order-sort';

const isStatus = (text: string | null): text is OrderStatus =>
  ORDER_STATUSES.includes(text as OrderStatus);

/** Filter, search and sort live in the URL, so a view can be shared or bookmarked. */
export function Component() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const sortParam = params.get('sort');
  const sort = isOrderSort(sortParam) ? sortParam : 'newest';
  const searchText = params.get('q') ?? '';
  const search = useDebounced(searchText.trim());
  const pages = useCursorPages(`${status}|${sort}|${search}`);

  const orders = useQuery({
    ...trpc.admin.orders.list.queryOptions({
      status,
      sort,
      search: search || undefined,
      cursor: pages.cursor,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  const recent = useRecentOrderChanges();

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const sorting = tableFromSort(sort);
  const table = useReactTable({
    data: orders.data?.items ?? [],
    columns: orderColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    sortDescFirst: true,
    state: { sorting },
    onSortingChange: (updater) => {
      const next: SortingState = typeof updater === 'function' ? updater(sorting) : updater;
      const nextSort = sortFromTable(next);
      update({ sort: nextSort === 'newest' ? null : nextSort });
    },
  });

  return (
    <>
      <PageHeader title="Orders" subtitle="Every customer's orders; new ones appear live." />
      <section className="card">
        <div className="toolbar">
          <fieldset className="segmented plain-fieldset">
            <legend className="sr-only">Status</legend>
            {[undefined, ...ORDER_STATUSES].map((value) => (
              <button
                key={value ?? 'all'}
                type="button"
                aria-pressed={status === value}
                onClick={() => update({ status: value ?? null })}
              >
                {value ? humanize(value) : 'All'}
              </button>
            ))}
          </fieldset>
          <label className="search">
            <Search size={16} aria-hidden="true" />
            <span className="sr-only">Search orders</span>
            <input
              type="search"
              placeholder="Order #, name or email"
              value={searchText}
              onChange={(event) => update({ q: event.target.value || null })}
            />
          </label>
        </div>
        <div className="table-wrap">
          <table className="table" aria-busy={orders.isFetching}>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <SortHeader
                      key={header.id}
                      header={header}
                      numeric={Boolean(
                        (header.column.columnDef.meta as { numeric?: boolean } | undefined)
                          ?.numeric,
                      )}
                    />
                  ))}
                </tr>
              ))}
            </thead>
            {orders.isPending ? (
              <SkeletonRows columns={orderColumns.length} />
            ) : (
              <tbody>
                {table.getRowModel().rows.map((row) => {
                  const change = recent.get(row.original.id);
                  const cue = change ? (change.kind === 'created' ? 'row-new' : 'row-updated') : '';
                  return (
                    <tr key={row.id} className={cue} data-order-id={row.original.id}>
                      {row.getVisibleCells().map((cell) => (
                        <td
                          key={cell.id}
                          className={
                            (cell.column.columnDef.meta as { numeric?: boolean } | undefined)
                              ?.numeric
                              ? 'num'
                              : undefined
                          }
                        >
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            )}
          </table>
        </div>
        {orders.isError && <ErrorState error={orders.error} retry={orders.refetch} />}
        {orders.data?.items.length === 0 && (
          <Empty>{search || status ? 'No orders match.' : 'No orders yet.'}</Empty>
        )}
        <Pager
          label="Orders"
          page={pages.page}
          nextCursor={orders.data?.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      </section>
    </>
  );
}
