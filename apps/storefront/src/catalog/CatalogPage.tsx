import { useDebounced, useLiveStock } from '@stockpulse/live';
import { useInfiniteQuery } from '@tanstack/react-query';
import { PackageSearch } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { plural } from '../lib/format';
import { trpc } from '../trpc';
import { EmptyState } from '../ui/EmptyState';
import { ErrorState } from '../ui/ErrorState';
import { CatalogFilters, type CatalogFilterValues } from './CatalogFilters';
import { ProductCard } from './ProductCard';
import { ProductGridSkeleton } from './ProductGridSkeleton';
import './catalog.css';

const PAGE_SIZE = 12;
const SEARCH_DEBOUNCE_MS = 300;

/** The filters live in the URL (`?q=&category=&instock=1`): shareable, back-button safe. */
function useCatalogParams() {
  const [params, setParams] = useSearchParams();
  const values: CatalogFilterValues = {
    search: params.get('q') ?? '',
    category: params.get('category') ?? '',
    inStockOnly: params.get('instock') === '1',
  };
  const update = (next: Partial<CatalogFilterValues>) => {
    const merged = { ...values, ...next };
    const query = new URLSearchParams();
    if (merged.search.trim()) query.set('q', merged.search.trim());
    if (merged.category) query.set('category', merged.category);
    if (merged.inStockOnly) query.set('instock', '1');
    setParams(query, { replace: true });
  };
  return [values, update] as const;
}

export function CatalogPage() {
  const [values, update] = useCatalogParams();
  // The box answers every key stroke; the URL (and the query) only once typing pauses.
  const [searchText, setSearchText] = useState(values.search);
  const settledSearch = useDebounced(searchText, SEARCH_DEBOUNCE_MS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search writes the URL
  useEffect(() => {
    if (settledSearch.trim() !== values.search) update({ search: settledSearch });
  }, [settledSearch]);
  // The URL changed under the box (back button, a link): the box follows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a URL change resets the box
  useEffect(() => {
    if (values.search !== settledSearch.trim()) setSearchText(values.search);
  }, [values.search]);

  const input = {
    limit: PAGE_SIZE,
    ...(values.search ? { search: values.search } : {}),
    ...(values.category ? { category: values.category } : {}),
    ...(values.inStockOnly ? { inStockOnly: true } : {}),
  };
  const catalog = useInfiniteQuery(
    trpc.catalog.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: (previous) => previous,
    }),
  );
  const products = catalog.data?.pages.flatMap((page) => page.items) ?? [];
  const stock = useLiveStock(products.map((product) => product.id));
  const filtered = !!(values.search || values.category || values.inStockOnly);
  useEffect(() => {
    document.title = 'Stockpulse · live stock, honest counts';
  }, []);

  return (
    <div className="catalog-page">
      <section className="hero">
        <h1>Shop everything, with honest stock counts</h1>
        <p>Every count below is live: when someone buys, you see it within a second.</p>
      </section>
      <CatalogFilters
        values={{ ...values, search: searchText }}
        onChange={(next) => {
          if (next.search !== undefined) setSearchText(next.search);
          else update(next);
        }}
      />
      <p className="visually-hidden" aria-live="polite">
        {catalog.isSuccess ? `${plural(products.length, 'product')} shown` : ''}
      </p>
      {catalog.isPending ? (
        <ProductGridSkeleton count={8} />
      ) : catalog.isError ? (
        <ErrorState
          title="We couldn’t load the catalog"
          error={catalog.error}
          onRetry={() => catalog.refetch()}
        />
      ) : products.length === 0 ? (
        <EmptyState
          icon={<PackageSearch aria-hidden="true" size={40} />}
          title={filtered ? 'No products match' : 'No products yet'}
        >
          {filtered ? (
            <>
              <p>Try another word or category, or include sold-out products.</p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setSearchText('');
                  update({ search: '', category: '', inStockOnly: false });
                }}
              >
                Clear filters
              </button>
            </>
          ) : (
            <p>Check back soon.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <ul
            className={`product-grid${catalog.isPlaceholderData ? ' is-refreshing' : ''}`}
            aria-label="Products"
            aria-busy={catalog.isFetching && !catalog.isFetchingNextPage}
          >
            {products.map((product) => (
              <ProductCard
                key={product.id}
                product={product}
                version={stock.get(product.id)?.version}
              />
            ))}
          </ul>
          {catalog.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => catalog.fetchNextPage()}
                disabled={catalog.isFetchingNextPage}
              >
                {catalog.isFetchingNextPage ? 'Loading…' : 'Show more products'}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
