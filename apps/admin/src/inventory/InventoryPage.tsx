import { useDebounced } from '@stockpulse/live';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { SearchBox, Toggle } from '../ui/Toolbar';
import { InvariantCheck } from './InvariantCheck';
import { OpenRestocks } from './OpenRestocks';
import { StockTable } from './StockTable';
import { StockDialog, type StockDialogKind } from './stock-dialogs';

export function InventoryPage() {
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
  // Stable, so the table keeps its rows' buttons (a new function rebuilds every cell, and
  // the closed dialog could not give focus back to the button that opened it).
  const openDialog = useCallback(
    (kind: StockDialogKind, row: StockRow) => setDialog({ kind, row }),
    [],
  );

  return (
    <>
      <PageHeader title="Inventory" subtitle="Stock of every product, live." />
      <div className="grid-inventory">
        <section className="card">
          <div className="toolbar">
            <Toggle
              label="Low stock only"
              checked={lowStockOnly}
              onChange={(checked) => setParams(checked ? { low: '1' } : {}, { replace: true })}
            />
            <SearchBox
              label="Search products"
              placeholder="Name or SKU"
              value={searchText}
              onChange={setSearchText}
            />
          </div>
          <StockTable
            rows={stock.data?.items}
            onAction={openDialog}
            query={stock}
            empty={lowStockOnly ? 'Nothing is running low.' : 'No products match.'}
          />
          <CursorPager label="Inventory" pages={pages} nextCursor={stock.data?.nextCursor} />
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
