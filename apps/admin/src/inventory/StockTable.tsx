import { createColumnHelper } from '@tanstack/react-table';
import { Settings2, SlidersHorizontal, Truck } from 'lucide-react';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { count } from '../lib/format';
import { stockAlert } from '../lib/stock-alert';
import { DataTable } from '../ui/DataTable';
import { StatusPill } from '../ui/StatusPill';
import { StockAlertPill } from '../ui/StockAlertPill';
import type { StockDialogKind } from './stock-dialogs';

const NUMBERS = [
  ['onHand', 'On hand'],
  ['reserved', 'Reserved'],
  ['available', 'Available'],
  ['incoming', 'Incoming'],
  ['reorderPoint', 'Reorder at'],
  ['reorderQuantity', 'Reorder qty'],
] as const;

const column = createColumnHelper<StockRow>();

/** Stock per product; a product sold out or at or below its reorder point is marked. */
export function StockTable(props: {
  rows: StockRow[] | undefined;
  onAction: (kind: StockDialogKind, row: StockRow) => void;
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  empty: ReactNode;
}) {
  const { onAction } = props;
  const columns = useMemo(
    () => [
      column.display({
        id: 'product',
        header: 'Product',
        meta: { className: 'product-cell' },
        cell: ({ row: { original: row } }) => (
          <div className="cell-two-line">
            <Link to={`/inventory/${row.productId}`} className="strong">
              {row.name}
            </Link>
            <span className="muted">
              {row.sku}
              {!row.active && ' · archived'}
            </span>
          </div>
        ),
      }),
      ...NUMBERS.map(([key, label]) =>
        column.display({
          id: key,
          header: label,
          meta: {
            numeric: true,
            className: (row: StockRow) =>
              key !== 'available'
                ? 'num'
                : stockAlert(row) === 'out'
                  ? 'num text-danger strong'
                  : stockAlert(row)
                    ? 'num text-warn strong'
                    : 'num',
            cellAttributes: { 'data-col': key },
          },
          cell: ({ row }) => count(row.original[key]),
        }),
      ),
      column.display({
        id: 'restock',
        header: 'Stock',
        meta: { className: 'pills-cell' },
        cell: ({ row: { original: row } }) =>
          row.openRestock || stockAlert(row) ? (
            <>
              <StockAlertPill row={row} />
              {row.openRestock && <StatusPill status={row.openRestock.status} />}
            </>
          ) : (
            <span className="muted">—</span>
          ),
      }),
      column.display({
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: 'actions-cell' },
        cell: ({ row: { original: row } }) => (
          <>
            <IconAction
              label={`Adjust stock of ${row.name}`}
              onClick={() => onAction('adjust', row)}
            >
              <SlidersHorizontal size={15} aria-hidden="true" />
            </IconAction>
            <IconAction
              label={`Reorder policy of ${row.name}`}
              onClick={() => onAction('policy', row)}
            >
              <Settings2 size={15} aria-hidden="true" />
            </IconAction>
            <IconAction label={`Restock ${row.name}`} onClick={() => onAction('restock', row)}>
              <Truck size={15} aria-hidden="true" />
            </IconAction>
          </>
        ),
      }),
    ],
    [onAction],
  );
  return (
    <DataTable
      columns={columns}
      rows={props.rows}
      loading={!props.rows}
      rowId={(row) => row.productId}
      rowAttributes={(row) => ({ 'data-product-id': row.productId })}
      dense
      query={props.query}
      empty={props.empty}
    />
  );
}

/** A compact row action: the icon shows, the label is for screen readers and the tooltip. */
function IconAction(props: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="btn btn-icon"
      onClick={props.onClick}
      aria-label={props.label}
      title={props.label}
    >
      {props.children}
    </button>
  );
}
