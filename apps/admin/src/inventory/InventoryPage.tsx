import { useDebounced } from '@stockpulse/live';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StockRow } from '../lib/api-types';
import { LocationSelect, useLocations } from '../locations/useLocations';
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
  const locations = useLocations();
  const locationParam = Number(params.get('location'));
  const locationId =
    Number.isSafeInteger(locationParam) && locationParam > 0 ? locationParam : undefined;
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim());
  const pages = useCursorPages(`${lowStockOnly}|${locationId}|${search}`);
  const stock = useQuery({
    ...trpc.admin.inventory.list.queryOptions({
      lowStockOnly,
      locationId,
      search: search || undefined,
      cursor: pages.cursor,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  /** Filters live in the URL, so a view can be shared or bookmarked. */
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const [dialog, setDialog] = useState<{ kind: StockDialogKind; row: StockRow } | null>(null);
  // Stable, so the table keeps its rows' buttons (a new function rebuilds every cell, and
  // the closed dialog could not give focus back to the button that opened it).
  const openDialog = useCallback(
    (kind: StockDialogKind, row: StockRow) => setDialog({ kind, row }),
    [],
  );

  return (
    <>
      <PageHeader title="Inventory" subtitle="Stock of every variant at every location, live." />
      <div className="grid-inventory">
        <section className="card">
          <div className="toolbar">
            <div className="toolbar-group">
              <div className="select">
                <LocationSelect
                  label="Location"
                  value={locationId}
                  // An archived location stays listed while the URL filters by it.
                  locations={locations.all?.filter((l) => l.active || l.id === locationId)}
                  allLabel="All locations"
                  onChange={(id) => update({ location: id ? String(id) : null })}
                />
              </div>
              <Toggle
                label="Low stock only"
                checked={lowStockOnly}
                onChange={(checked) => update({ low: checked ? '1' : null })}
              />
            </div>
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
            empty={lowStockOnly ? 'Nothing is running low.' : 'No stock rows match.'}
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
