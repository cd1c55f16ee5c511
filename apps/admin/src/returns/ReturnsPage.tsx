import { RETURN_STATUSES, type ReturnStatus } from '@stockpulse/shared';
import { formatCents } from '@stockpulse/shared/money';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { StaffReturn } from '../lib/api-types';
import { count, humanize, when } from '../lib/format';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { StatusPill } from '../ui/StatusPill';
import { ReturnDialog } from './ReturnDialog';

const column = createColumnHelper<StaffReturn>();

/** What staff do next with a return in each status (the button's verb). */
const STEP: Partial<Record<ReturnStatus, string>> = {
  requested: 'Review',
  approved: 'Receive',
  received: 'Refund',
};

const isStatus = (text: string | null): text is ReturnStatus =>
  RETURN_STATUSES.includes(text as ReturnStatus);

/**
 * Returns, newest first, filtered by status (in the URL, as is the open return `?id=`);
 * each opens its dialog with the step its status allows. Refreshed live on `order:activity`.
 */
export function ReturnsPage() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const openId = Number(params.get('id')) || null;
  const pages = useCursorPages(String(status));
  const returns = useQuery({
    ...trpc.admin.returns.list.queryOptions({ status, cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  const setParam = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (before) => {
          const next = new URLSearchParams(before);
          if (value === null) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: key === 'status' },
      ),
    [setParams],
  );
  const columns = useMemo(
    () => [
      column.display({
        id: 'return',
        header: 'Return',
        cell: ({ row: { original: r } }) => (
          <div className="cell-two-line">
            <span className="strong">#{r.id}</span>
            <span className="muted small">{when(r.createdAt)}</span>
          </div>
        ),
      }),
      column.display({
        id: 'order',
        header: 'Order',
        cell: ({ row: { original: r } }) => (
          <div className="cell-two-line">
            <Link to={`/orders/${r.orderId}`}>#{r.orderId}</Link>
            <span className="muted small">{r.customerName}</span>
          </div>
        ),
      }),
      column.display({
        id: 'lines',
        header: 'Lines',
        meta: { className: 'lines-cell' },
        cell: ({ row: { original: r } }) =>
          r.lines.map((l) => `${count(l.quantity)} × ${l.name}`).join(', '),
      }),
      column.display({
        id: 'amount',
        header: 'Amount',
        meta: { numeric: true },
        cell: ({ row: { original: r } }) => formatCents(r.requestedCents),
      }),
      column.display({
        id: 'status',
        header: 'Status',
        meta: { cellAttributes: { 'data-col': 'status' } },
        cell: ({ row }) => <StatusPill status={row.original.status} />,
      }),
      column.display({
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: 'actions-cell' },
        cell: ({ row: { original: r } }) => {
          const step = STEP[r.status];
          return (
            <button
              type="button"
              className={step ? 'btn btn-small btn-primary' : 'btn btn-small'}
              aria-label={`${step ?? 'View'} return #${r.id}`}
              onClick={() => setParam('id', String(r.id))}
            >
              {step ? `${step}…` : 'View'}
            </button>
          );
        },
      }),
    ],
    [setParam],
  );
  // A return linked from elsewhere (the order page) may be on no page shown: fetched alone.
  const listed = returns.data?.items.find((r) => r.id === openId);
  const alone = useQuery({
    ...trpc.admin.returns.byId.queryOptions({ id: openId ?? 0 }),
    enabled: openId !== null && returns.isSuccess && !listed,
  });
  const open = listed ?? (openId !== null ? alone.data : undefined);
  return (
    <>
      <PageHeader
        title="Returns"
        subtitle="Requested by customers after delivery: approve, receive, refund."
      />
      <section className="card">
        <div className="toolbar">
          <fieldset className="segmented segmented-scroll plain-fieldset">
            <legend className="sr-only">Status</legend>
            {[undefined, ...RETURN_STATUSES].map((value) => (
              <button
                key={value ?? 'all'}
                type="button"
                aria-pressed={status === value}
                onClick={() => setParams(value ? { status: value } : {}, { replace: true })}
              >
                {value ? humanize(value) : 'All'}
              </button>
            ))}
          </fieldset>
        </div>
        <DataTable
          columns={columns}
          rows={returns.data?.items}
          loading={returns.isPending}
          busy={returns.isFetching}
          rowId={(r) => r.id}
          rowAttributes={(r) => ({ 'data-return-id': r.id, 'data-status': r.status })}
          query={returns}
          empty={status ? 'No returns with this status.' : 'No returns yet.'}
        />
        <CursorPager label="Returns" pages={pages} nextCursor={returns.data?.nextCursor} />
      </section>
      {open && <ReturnDialog ret={open} onClose={() => setParam('id', null)} />}
    </>
  );
}
