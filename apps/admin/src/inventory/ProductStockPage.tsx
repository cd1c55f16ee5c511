import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { count, plural } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { StatusPill } from '../ui/StatusPill';
import { ErrorState, Loading } from '../ui/states';
import { Ledger } from './Ledger';
import { StockTable, stockRowId } from './StockTable';
import { StockDialog, type StockDialogKind } from './stock-dialogs';
import { unavailable } from './stock-form';

/**
 * A product's stock: every variant at every location with the breakdown, the figures and
 * ledger of the row picked (the first one to begin with), and the stock dialogs for it.
 */
export function ProductStockPage() {
  const productId = Number(useParams().productId);
  const valid = Number.isSafeInteger(productId) && productId > 0;
  const stock = useQuery({
    ...trpc.admin.inventory.product.queryOptions({ productId }),
    enabled: valid,
  });
  const [picked, setPicked] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: StockDialogKind; row: StockRow } | null>(null);
  const openDialog = useCallback(
    (kind: StockDialogKind, row: StockRow) => setDialog({ kind, row }),
    [],
  );
  const select = useCallback((row: StockRow) => setPicked(stockRowId(row)), []);
  if (!valid) return <ErrorState error={new Error('No such product')} />;
  if (stock.isPending) return <Loading />;
  if (stock.isError) return <ErrorState error={stock.error} retry={stock.refetch} />;
  const rows = stock.data;
  const row = rows.find((r) => stockRowId(r) === picked) ?? rows[0]!;
  const variants = new Set(rows.map((r) => r.variantId)).size;
  const locations = new Set(rows.map((r) => r.locationId)).size;
  const where = `${row.variantTitle ? `${row.variantTitle} at ` : ''}${row.locationName}`;
  const figures = [
    ['On hand', row.onHand],
    ['Reserved', row.reserved],
    ['Available', row.available],
    ['Incoming', row.incoming],
    ['Unavailable', unavailable(row)],
    ['Reorder point', row.reorderPoint],
  ] as const;
  return (
    <>
      <Link to="/inventory" className="back-link">
        <ArrowLeft size={16} aria-hidden="true" /> Inventory
      </Link>
      <PageHeader
        title={row.name}
        subtitle={
          <>
            {plural(variants, 'variant')} at {plural(locations, 'location')} ·{' '}
            <Link to={`/products/${row.productId}`}>Edit product</Link>
          </>
        }
        actions={
          <>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => openDialog('adjust', row)}
            >
              Adjust stock
            </button>
            <button type="button" className="btn" onClick={() => openDialog('move', row)}>
              Move stock
            </button>
            <button type="button" className="btn" onClick={() => openDialog('policy', row)}>
              Reorder policy
            </button>
            <button type="button" className="btn" onClick={() => openDialog('restock', row)}>
              Restock
            </button>
          </>
        }
      />
      <section className="card" aria-labelledby="rows-title">
        <div className="card-head">
          <h2 id="rows-title">Variants by location</h2>
          <span className="muted small">
            Pick a row: its figures, ledger and the buttons above.
          </span>
        </div>
        <StockTable
          rows={rows}
          byVariant
          selected={stockRowId(row)}
          onSelect={select}
          onAction={openDialog}
          query={stock}
          empty="No stock rows."
        />
      </section>
      <h2 className="section-title" aria-live="polite">
        {row.sku} · {where}
        {row.openRestock && (
          <>
            {' '}
            · restock <StatusPill status={row.openRestock.status} />
          </>
        )}
      </h2>
      <section className="figures" aria-label={`Stock of ${where}`}>
        {figures.map(([label, value]) => (
          <div className="card figure" key={label}>
            <span className="kpi-label">{label}</span>
            <span className="figure-value num">{count(value)}</span>
          </div>
        ))}
      </section>
      {(row.damaged > 0 || row.qualityControl > 0 || row.safetyStock > 0) && (
        <p className="muted small">
          Unavailable: {count(row.damaged)} damaged, {count(row.qualityControl)} in quality control,{' '}
          {count(row.safetyStock)} safety stock.
        </p>
      )}
      <Ledger
        variantId={row.variantId}
        locationId={row.locationId}
        title={`${row.sku} · ${where}`}
      />
      {dialog && <StockDialog {...dialog} onClose={() => setDialog(null)} />}
    </>
  );
}
