import { createColumnHelper } from '@tanstack/react-table';
import { ArrowLeftRight, History, Settings2, SlidersHorizontal, Truck } from 'lucide-react';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { count } from '../lib/format';
import { stockAlert } from '../lib/stock-alert';
import { DataTable } from '../ui/DataTable';
import { StatusPill } from '../ui/StatusPill';
import { StockAlertPill } from '../ui/StockAlertPill';
import type { StockDialogKind } from './stock-dialogs';
import { stockLabel, unavailable } from './stock-form';

const NUMBERS = [
  ['onHand', 'On hand'],
  ['reserved', 'Reserved'],
  ['available', 'Available'],
  ['incoming', 'Incoming'],
] as const;

const column = createColumnHelper<StockRow>();

/** The key of a stock row: a variant at a location. */
export const stockRowId = (row: Pick<StockRow, 'variantId' | 'locationId'>) =>
  `${row.variantId}:${row.locationId}`;

const availableClass = (row: StockRow) =>
  stockAlert(row) === 'out'
    ? 'num text-danger strong'
    : stockAlert(row)
      ? 'num text-warn strong'
      : 'num';

/**
 * Stock rows, a variant at a location each, with the breakdown: on hand, reserved,
 * available, incoming and unavailable (damaged, quality control, safety stock, opened from
 * the figure). A row sold out or at or below its reorder point is marked. `byVariant`
 * (the product's own page) names the variant instead of the product; with `onSelect` a
 * row's one button picks it (the page's own buttons then act on the row picked).
 */
export function StockTable(props: {
  rows: StockRow[] | undefined;
  onAction: (kind: StockDialogKind, row: StockRow) => void;
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  empty: ReactNode;
  byVariant?: boolean;
  selected?: string | null;
  /** Rows are picked (for the figures, ledger and dialogs of the page) instead of acted on. */
  onSelect?: (row: StockRow) => void;
}) {
  const { onAction, byVariant, onSelect, selected } = props;
  const columns = useMemo(
    () => [
      column.display({
        id: 'product',
        header: byVariant ? 'Variant' : 'Product',
        meta: { className: 'product-cell' },
        cell: ({ row: { original: row } }) =>
          byVariant ? (
            <div className="cell-two-line">
              <span className="strong">{row.variantTitle || 'Default'}</span>
              <span className="muted">{row.sku}</span>
            </div>
          ) : (
            <div className="cell-two-line">
              <Link to={`/inventory/${row.productId}`} className="strong">
                {row.name}
              </Link>
              <span className="muted">
                {row.variantTitle && <span className="variant-title">{row.variantTitle} · </span>}
                {row.sku}
                {!row.active && ' · archived'}
              </span>
            </div>
          ),
      }),
      column.display({
        id: 'location',
        header: 'Location',
        meta: { cellAttributes: { 'data-col': 'location' } },
        cell: ({ row: { original: row } }) => (
          <span title={row.locationCode}>{row.locationName}</span>
        ),
      }),
      ...NUMBERS.map(([key, label]) =>
        column.display({
          id: key,
          header: label,
          meta: {
            numeric: true,
            className: key === 'available' ? availableClass : 'num',
            cellAttributes: { 'data-col': key },
          },
          cell: ({ row }) => count(row.original[key]),
        }),
      ),
      column.display({
        id: 'unavailable',
        header: 'Unavailable',
        meta: { numeric: true, cellAttributes: { 'data-col': 'unavailable' } },
        cell: ({ row: { original: row } }) => <Unavailable row={row} />,
      }),
      column.display({
        id: 'reorderPoint',
        header: 'Reorder at',
        meta: { numeric: true, cellAttributes: { 'data-col': 'reorderPoint' } },
        cell: ({ row }) => count(row.original.reorderPoint),
      }),
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
        cell: ({ row: { original: row } }) => {
          const label = stockLabel(row);
          return (
            <div className="row-actions">
              {onSelect && (
                <IconAction
                  label={`Pick ${label}`}
                  pressed={selected === stockRowId(row)}
                  onClick={() => onSelect(row)}
                >
                  <History size={15} aria-hidden="true" />
                </IconAction>
              )}
              {!onSelect && (
                <>
                  <IconAction
                    label={`Adjust stock of ${label}`}
                    onClick={() => onAction('adjust', row)}
                  >
                    <SlidersHorizontal size={15} aria-hidden="true" />
                  </IconAction>
                  <IconAction
                    label={`Move stock of ${label}`}
                    onClick={() => onAction('move', row)}
                  >
                    <ArrowLeftRight size={15} aria-hidden="true" />
                  </IconAction>
                  <IconAction
                    label={`Reorder policy of ${label}`}
                    onClick={() => onAction('policy', row)}
                  >
                    <Settings2 size={15} aria-hidden="true" />
                  </IconAction>
                  <IconAction label={`Restock ${label}`} onClick={() => onAction('restock', row)}>
                    <Truck size={15} aria-hidden="true" />
                  </IconAction>
                </>
              )}
            </div>
          );
        },
      }),
    ],
    [onAction, byVariant, onSelect, selected],
  );
  return (
    <DataTable
      columns={columns}
      rows={props.rows}
      loading={!props.rows}
      rowId={stockRowId}
      rowAttributes={(row) => ({
        'data-product-id': row.productId,
        'data-variant-id': row.variantId,
        'data-location-id': row.locationId,
        ...(selected === stockRowId(row) ? { className: 'row-selected' } : {}),
      })}
      dense
      query={props.query}
      empty={props.empty}
    />
  );
}

/**
 * Unavailable units, the states they are in on request: a disclosure rather than a
 * tooltip, so a touch screen and a keyboard open it too.
 */
function Unavailable({ row }: { row: StockRow }) {
  const total = unavailable(row);
  if (total === 0) return <span className="muted">0</span>;
  const parts = [
    ['Damaged', row.damaged],
    ['Quality control', row.qualityControl],
    ['Safety stock', row.safetyStock],
  ] as const;
  const summary = parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${count(n)}`)
    .join(', ');
  return (
    <details className="breakdown">
      <summary title={summary} aria-label={`${count(total)} unavailable: ${summary}`}>
        {count(total)}
      </summary>
      <dl className="breakdown-list">
        {parts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="num">{count(n)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** A compact row action: the icon shows, the label is for screen readers and the tooltip. */
function IconAction(props: {
  label: string;
  onClick: () => void;
  pressed?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="btn btn-icon"
      onClick={props.onClick}
      aria-label={props.label}
      aria-pressed={props.pressed}
      title={props.label}
    >
      {props.children}
    </button>
  );
}
