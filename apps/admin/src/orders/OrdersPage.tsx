import { useDebounced } from '@stockpulse/live';
import { ORDER_STATUSES, type OrderStatus } from '@stockpulse/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SortingState, Updater } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import { count, humanize } from '../lib/format';
import { useRecentOrderChanges } from '../lib/useRecentOrderChanges';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { SearchBox } from '../ui/Toolbar';
import { orderColumns } from './columns';
import { isOrderSort, sortFromTable, tableFromSort } from './order-sort';

const isStatus = (text: string | null): text is OrderStatus =>
  ORDER_STATUSES.includes(text as OrderStatus);

/** Filter, search and sort live in the URL, so a view can be shared or bookmarked. */
export function OrdersPage() {
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
  // From the rollup the relay keeps (five rows, whatever the shop's size), refreshed live.
  const counts = useQuery(trpc.admin.orders.counts.queryOptions());
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
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater;
    const nextSort = sortFromTable(next);
    update({ sort: nextSort === 'newest' ? null : nextSort });
  };

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
                {counts.data ? ' ' : null}
                {counts.data ? (
                  <span className="segmented-count">{count(counts.data[value ?? 'all'])}</span>
                ) : null}
              </button>
            ))}
          </fieldset>
          <SearchBox
            label="Search orders"
            placeholder="Order #, name or email"
            value={searchText}
            onChange={(text) => update({ q: text || null })}
          />
        </div>
        <DataTable
          columns={orderColumns}
          rows={orders.data?.items}
          loading={orders.isPending}
          busy={orders.isFetching}
          rowId={(order) => order.id}
          rowAttributes={(order) => {
            const change = recent.get(order.id);
            const cue = change ? (change.kind === 'created' ? 'row-new' : 'row-updated') : '';
            return { className: cue, 'data-order-id': order.id };
          }}
          sorting={{ state: sorting, onChange: onSortingChange }}
          query={orders}
          empty={search || status ? 'No orders match.' : 'No orders yet.'}
        />
        <CursorPager label="Orders" pages={pages} nextCursor={orders.data?.nextCursor} />
      </section>
    </>
  );
}
