import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { count } from '../lib/format';
import { trpc } from '../trpc';
import { StatusPill } from '../ui/StatusPill';
import { StockAlertPill } from '../ui/StockAlertPill';
import { Empty, ErrorState, Loading } from '../ui/states';

/**
 * Products sold out or at or below their reorder point, sold out first, whatever is on
 * order (refetched on stock events); an open restock shows beside the product.
 */
export function LowStock() {
  const low = useQuery(trpc.admin.inventory.list.queryOptions({ lowStockOnly: true, limit: 8 }));
  return (
    <section className="card" aria-labelledby="low-title">
      <div className="card-head">
        <h2 id="low-title">Low stock</h2>
        <Link to="/inventory?low=1">Inventory</Link>
      </div>
      {low.isPending ? (
        <Loading />
      ) : low.isError ? (
        <ErrorState error={low.error} retry={low.refetch} />
      ) : low.data.items.length === 0 ? (
        <Empty>Nothing is out of stock or at its reorder point.</Empty>
      ) : (
        <ul className="list">
          {low.data.items.map((row) => (
            <li
              key={`${row.variantId}:${row.locationId}`}
              className="list-item"
              data-product-id={row.productId}
              data-variant-id={row.variantId}
              data-location-id={row.locationId}
            >
              <span className="cell-two-line">
                <Link to={`/inventory/${row.productId}`}>
                  {row.name}
                  {row.variantTitle && ` (${row.variantTitle})`}
                </Link>
                <span className="muted small">{row.locationName}</span>
              </span>
              <span className="list-meta">
                <span className={row.available === 0 ? 'num text-danger' : 'num'}>
                  {count(row.available)} available
                </span>
                <StockAlertPill row={row} />
                {row.openRestock && <StatusPill status={row.openRestock.status} />}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
