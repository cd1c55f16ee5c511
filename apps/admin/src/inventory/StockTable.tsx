import { Settings2, SlidersHorizontal, Truck } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { count } from '../lib/format';
import { StatusPill } from '../ui/StatusPill';
import { SkeletonRows } from '../ui/states';
import type { StockDialogKind } from './stock-dialogs';

const NUMBERS = [
  ['onHand', 'On hand'],
  ['reserved', 'Reserved'],
  ['available', 'Available'],
  ['incoming', 'Incoming'],
  ['reorderPoint', 'Reorder at'],
  ['reorderQuantity', 'Reorder qty'],
] as const;

/** Stock per product; rows at or below their reorder point are marked. */
export function StockTable(props: {
  rows: StockRow[] | undefined;
  onAction: (kind: StockDialogKind, row: StockRow) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table table-dense">
        <thead>
          <tr>
            <th scope="col">Product</th>
            {NUMBERS.map(([key, label]) => (
              <th scope="col" className="num" key={key}>
                {label}
              </th>
            ))}
            <th scope="col">Restock</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {!props.rows ? (
          <SkeletonRows columns={NUMBERS.length + 3} />
        ) : (
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.productId} data-product-id={row.productId}>
                <td className="product-cell">
                  <div className="cell-two-line">
                    <Link to={`/inventory/${row.productId}`} className="strong">
                      {row.name}
                    </Link>
                    <span className="muted">
                      {row.sku}
                      {!row.active && ' · archived'}
                    </span>
                  </div>
                </td>
                {NUMBERS.map(([key]) => (
                  <td
                    key={key}
                    className={
                      key === 'available' && row.restockGap <= 0 ? 'num text-warn strong' : 'num'
                    }
                    data-col={key}
                  >
                    {count(row[key])}
                  </td>
                ))}
                <td>
                  {row.openRestock ? (
                    <StatusPill status={row.openRestock.status} />
                  ) : row.restockGap <= 0 ? (
                    <span className="pill pill-low">Low</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="actions-cell">
                  <IconAction
                    label={`Adjust stock of ${row.name}`}
                    onClick={() => props.onAction('adjust', row)}
                  >
                    <SlidersHorizontal size={15} aria-hidden="true" />
                  </IconAction>
                  <IconAction
                    label={`Reorder policy of ${row.name}`}
                    onClick={() => props.onAction('policy', row)}
                  >
                    <Settings2 size={15} aria-hidden="true" />
                  </IconAction>
                  <IconAction
                    label={`Restock ${row.name}`}
                    onClick={() => props.onAction('restock', row)}
                  >
                    <Truck size={15} aria-hidden="true" />
                  </IconAction>
                </td>
              </tr>
            ))}
          </tbody>
        )}
      </table>
    </div>
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
