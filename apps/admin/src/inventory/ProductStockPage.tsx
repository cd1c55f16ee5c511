import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { count } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { StatusPill } from '../ui/StatusPill';
import { ErrorState, Loading } from '../ui/states';
import { Ledger } from './Ledger';
import { StockDialog, type StockDialogKind } from './stock-dialogs';

export function ProductStockPage() {
  const productId = Number(useParams().productId);
  const valid = Number.isSafeInteger(productId) && productId > 0;
  const stock = useQuery({
    ...trpc.admin.inventory.byId.queryOptions({ productId }),
    enabled: valid,
  });
  const [dialog, setDialog] = useState<StockDialogKind | null>(null);
  if (!valid) return <ErrorState error={new Error('No such product')} />;
  if (stock.isPending) return <Loading />;
  if (stock.isError) return <ErrorState error={stock.error} retry={stock.refetch} />;
  const row = stock.data;
  const figures = [
    ['On hand', row.onHand],
    ['Reserved', row.reserved],
    ['Available', row.available],
    ['Incoming', row.incoming],
    ['Reorder point', row.reorderPoint],
    ['Reorder qty', row.reorderQuantity],
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
            {row.sku} · <Link to={`/products/${row.productId}`}>Edit product</Link>
            {row.openRestock && (
              <>
                {' '}
                · restock <StatusPill status={row.openRestock.status} />
              </>
            )}
          </>
        }
        actions={
          <>
            <button type="button" className="btn btn-primary" onClick={() => setDialog('adjust')}>
              Adjust stock
            </button>
            <button type="button" className="btn" onClick={() => setDialog('policy')}>
              Reorder policy
            </button>
            <button type="button" className="btn" onClick={() => setDialog('restock')}>
              Restock
            </button>
          </>
        }
      />
      <section className="figures" aria-label="Stock">
        {figures.map(([label, value]) => (
          <div className="card figure" key={label}>
            <span className="kpi-label">{label}</span>
            <span className="figure-value num">{count(value)}</span>
          </div>
        ))}
      </section>
      <Ledger productId={row.productId} />
      {dialog && <StockDialog kind={dialog} row={row} onClose={() => setDialog(null)} />}
    </>
  );
}
