import { formatCents } from '@stockpulse/shared/money';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { AdminOrderRow } from '../lib/api-types';
import { count, when } from '../lib/format';
import { StatusPill } from '../ui/StatusPill';

const column = createColumnHelper<AdminOrderRow>();

/** Only placed and total sort: those are the sorts the API has indexes or plans for. */
export const orderColumns = [
  column.accessor('id', {
    header: 'Order',
    enableSorting: false,
    cell: (info) => (
      <Link to={`/orders/${info.getValue()}`} className="strong">
        #{info.getValue()}
      </Link>
    ),
  }),
  column.accessor('customerName', {
    header: 'Customer',
    enableSorting: false,
    cell: (info) => (
      <div className="cell-two-line">
        <span>{info.getValue()}</span>
        <span className="muted">{info.row.original.customerEmail}</span>
      </div>
    ),
  }),
  column.accessor('status', {
    header: 'Status',
    enableSorting: false,
    cell: (info) => <StatusPill status={info.getValue()} />,
  }),
  column.accessor('itemCount', {
    header: 'Items',
    enableSorting: false,
    meta: { numeric: true },
    cell: (info) => count(info.getValue()),
  }),
  column.accessor('totalCents', {
    header: 'Total',
    meta: { numeric: true },
    cell: (info) => formatCents(info.getValue()),
  }),
  column.accessor('createdAt', {
    header: 'Placed',
    meta: { numeric: true },
    cell: (info) => <time dateTime={info.getValue().toISOString()}>{when(info.getValue())}</time>,
  }),
];
