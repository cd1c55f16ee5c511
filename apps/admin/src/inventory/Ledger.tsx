import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { LedgerRow } from '../lib/api-types';
import { count, humanize, when } from '../lib/format';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { CursorPager, useCursorPages } from '../ui/Pager';

/** "+3", "−2", "" for zero: a movement reads as what it did. */
export function signed(n: number): string {
  if (n === 0) return '';
  return n > 0 ? `+${count(n)}` : `−${count(-n)}`;
}

const column = createColumnHelper<LedgerRow>();

const columns = [
  column.display({ id: 'when', header: 'When', cell: ({ row }) => when(row.original.createdAt) }),
  column.display({
    id: 'reason',
    header: 'Reason',
    cell: ({ row: { original: row } }) => (
      <>
        {humanize(row.reason)}
        {row.refType === 'order' && row.refId ? (
          <>
            {' · '}
            <Link to={`/orders/${row.refId}`} className="inline-link">
              order #{row.refId}
            </Link>
          </>
        ) : row.refType === 'transfer' && row.refId ? (
          <>
            {' · '}
            <Link to={`/transfers?id=${row.refId}`} className="inline-link">
              transfer #{row.refId}
            </Link>
          </>
        ) : null}
      </>
    ),
  }),
  column.display({
    id: 'onHand',
    header: 'On hand',
    meta: { numeric: true },
    cell: ({ row }) => signed(row.original.deltaOnHand),
  }),
  column.display({
    id: 'reserved',
    header: 'Reserved',
    meta: { numeric: true },
    cell: ({ row }) => signed(row.original.deltaReserved),
  }),
  column.display({
    id: 'incoming',
    header: 'Incoming',
    meta: { numeric: true },
    cell: ({ row }) => signed(row.original.deltaIncoming),
  }),
  column.display({
    id: 'unavailable',
    header: 'Unavailable',
    meta: { numeric: true },
    cell: ({ row: { original: row } }) => {
      const parts = [
        ['damaged', row.deltaDamaged],
        ['QC', row.deltaQualityControl],
        ['safety', row.deltaSafetyStock],
      ] as const;
      const moved = parts.filter(([, n]) => n !== 0);
      const total = moved.reduce((sum, [, n]) => sum + n, 0);
      if (moved.length === 0) return '';
      return (
        <span title={moved.map(([label, n]) => `${label} ${signed(n)}`).join(', ')}>
          {signed(total)}{' '}
          <span className="muted small">{moved.map(([label]) => label).join(', ')}</span>
        </span>
      );
    },
  }),
  column.display({
    id: 'by',
    header: 'By',
    meta: { className: 'muted' },
    cell: ({ row }) => <span title={row.original.actor}>{row.original.actorName}</span>,
  }),
  column.display({ id: 'note', header: 'Note', cell: ({ row }) => row.original.note }),
];

/** A stock row's movements, newest first (refetched when its stock changes). */
export function Ledger(props: { variantId: number; locationId: number; title: string }) {
  const { variantId, locationId } = props;
  const pages = useCursorPages(`${variantId}:${locationId}`);
  const ledger = useQuery({
    ...trpc.admin.inventory.ledger.queryOptions({
      variantId,
      locationId,
      cursor: pages.cursor,
      limit: 20,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="ledger-title">
      <div className="card-head">
        <h2 id="ledger-title">Ledger</h2>
        <span className="muted">{props.title}</span>
      </div>
      <DataTable
        columns={columns}
        rows={ledger.data?.items}
        loading={ledger.isPending}
        skeletonRows={4}
        rowId={(row) => row.id}
        query={ledger}
        empty="No movements yet."
      />
      <CursorPager label="Ledger" pages={pages} nextCursor={ledger.data?.nextCursor} />
    </section>
  );
}
