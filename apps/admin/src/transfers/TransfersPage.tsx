import type { RouterOutputs } from '@stockpulse/live';
import { TRANSFER_STATUSES, type TransferStatus } from '@stockpulse/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { ArrowRight, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { count, humanize, when } from '../lib/format';
import { useLocations } from '../locations/useLocations';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { StatusPill } from '../ui/StatusPill';
import { NewTransferDialog } from './NewTransferDialog';
import { TransferActions } from './TransferActions';

export type Transfer = RouterOutputs['admin']['transfers']['list']['items'][number];

const column = createColumnHelper<Transfer>();

const isStatus = (text: string | null): text is TransferStatus =>
  TRANSFER_STATUSES.includes(text as TransferStatus);

/** "TEE-M × 3, TEE-L × 2 + 4 more": a transfer's lines at a glance. */
export function linesSummary(lines: readonly { sku: string; quantity: number }[], shown = 2) {
  const listed = lines.slice(0, shown).map((line) => `${line.sku} × ${count(line.quantity)}`);
  const rest = lines.length - shown;
  return rest > 0 ? `${listed.join(', ')} + ${rest} more` : listed.join(', ');
}

/**
 * Transfers between locations, newest first, filtered by status (in the URL); each row
 * has the steps its status allows. Refreshed live on `transfer:updated` (live.ts).
 */
export function TransfersPage() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const highlighted = Number(params.get('id')) || null;
  const pages = useCursorPages(String(status));
  const transfers = useQuery({
    ...trpc.admin.transfers.list.queryOptions({ status, cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  const locations = useLocations();
  const [creating, setCreating] = useState(false);
  const name = locations.name;
  const columns = useMemo(
    () => [
      column.display({
        id: 'transfer',
        header: 'Transfer',
        cell: ({ row: { original: t } }) => (
          <div className="cell-two-line">
            <span className="strong">#{t.id}</span>
            <span className="muted">{when(t.createdAt)}</span>
          </div>
        ),
      }),
      column.display({
        id: 'route',
        header: 'From → to',
        cell: ({ row: { original: t } }) => (
          <span className="route">
            {name(t.fromLocationId)}
            <ArrowRight size={14} aria-label="to" />
            {name(t.toLocationId)}
          </span>
        ),
      }),
      column.display({
        id: 'lines',
        header: 'Lines',
        meta: { className: 'lines-cell' },
        cell: ({ row: { original: t } }) => (
          <span
            title={t.lines
              .map((l) => `${l.name} ${l.variantTitle} (${l.sku}) × ${l.quantity}`)
              .join('\n')}
          >
            {linesSummary(t.lines)}
          </span>
        ),
      }),
      column.display({
        id: 'units',
        header: 'Units',
        meta: { numeric: true, cellAttributes: { 'data-col': 'units' } },
        cell: ({ row }) => count(row.original.lines.reduce((sum, l) => sum + l.quantity, 0)),
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
        cell: ({ row }) => <TransferActions transfer={row.original} />,
      }),
    ],
    [name],
  );
  return (
    <>
      <PageHeader
        title="Transfers"
        subtitle="Stock on its way between locations: on hand leaves when it ships, arrives when received."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden="true" /> New transfer
          </button>
        }
      />
      <section className="card">
        <div className="toolbar">
          <fieldset className="segmented segmented-scroll plain-fieldset">
            <legend className="sr-only">Status</legend>
            {[undefined, ...TRANSFER_STATUSES].map((value) => (
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
          rows={transfers.data?.items}
          loading={transfers.isPending}
          busy={transfers.isFetching}
          rowId={(t) => t.id}
          rowAttributes={(t) => ({
            'data-transfer-id': t.id,
            'data-status': t.status,
            ...(t.id === highlighted ? { className: 'row-selected' } : {}),
          })}
          query={transfers}
          empty={status ? 'No transfers with this status.' : 'No transfers yet.'}
        />
        <CursorPager label="Transfers" pages={pages} nextCursor={transfers.data?.nextCursor} />
      </section>
      {creating && <NewTransferDialog onClose={() => setCreating(false)} />}
    </>
  );
}
