import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { Pager, useCursorPages } from '../ui/Pager';
import { Empty, ErrorState } from '../ui/states';
import { useDebounced } from '../ui/useDebounced';
import { InvariantCheck } from './InvariantCheck';
import { OpenRestocks } from './OpenRestocks';
import { StockTable } from './StockTable';
import { StockDialog, type StockDialogKind } from './stock-dialogs';

export function Component() {
  const [params, setParams] = useSearchParams();
  const lowStockOnly = params.get('low') === '1';
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim());
  const pages = useCursorPages(`${lowStockOnly}|${search}`);
  const stock = useQuery({
    ...trpc.admin.inventory.list.queryOptions({
      lowStockOnly,
      search: search || undefined,
      cursor: pages.cursor,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<{ kind: StockDialogKind; row: StockRow } | null>(null);

  return (
    <>
      <PageHeader title="Inventory" subtitle="Stock of every product, live." />
      <div className="grid-inventory">
        <section className="card">
          <div className="toolbar">
            <label className="toggle">
              <input
                type="checkbox"
                checked={lowStockOnly}
                onChange={(event) =>
                  setParams(event.target.checked ? { low: '1' } : {}, { replace: true })
                }
              />
              Low stock only
            </label>
            <label className="search">
              <Search size={16} aria-hidden="true" />
              <span className="sr-only">Search products</span>
              <input
                type="search"
                placeholder="Name or SKU"
                value={searchText}
                onChange={(event) => setSearchText(event.target.value)}
              />
            </label>
          </div>
          <StockTable rows={stock.data?.items} onAction={(kind, row) => setDialog({ kind, row })} />
          {stock.isError && <ErrorState error={stock.error} retry={stock.refetch} />}
          {stock.data?.items.length === 0 && (
            <Empty>{lowStockOnly ? 'Nothing is running low.' : 'No products match.'}</Empty>
          )}
          <Pager
            label="Inventory"
            page={pages.page}
            nextCursor={stock.data?.nextCursor}
            onNext={pages.next}
            onPrevious={pages.previous}
          />
        </section>
        <div className="stack">
          <OpenRestocks />
          <InvariantCheck />
        </div>
      </div>
      {dialog && <StockDialog {...dialog} onClose={() => setDialog(null)} />}
    </>
  );
}
