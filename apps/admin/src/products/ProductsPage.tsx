import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Plus, Search } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { count, money } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { Pager, useCursorPages } from '../ui/Pager';
import { Empty, ErrorState, SkeletonRows } from '../ui/states';
import { useDebounced } from '../ui/useDebounced';

export function Component() {
  const [searchText, setSearchText] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const search = useDebounced(searchText.trim());
  const pages = useCursorPages(`${includeArchived}|${search}`);
  const products = useQuery({
    ...trpc.admin.products.list.queryOptions({
      search: search || undefined,
      includeArchived,
      cursor: pages.cursor,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Products"
        subtitle="The catalog: prices, descriptions, what is on sale."
        actions={
          <Link to="/products/new" className="btn btn-primary">
            <Plus size={16} aria-hidden="true" /> New product
          </Link>
        }
      />
      <section className="card">
        <div className="toolbar">
          <label className="toggle">
            <input
              type="checkbox"
              checked={includeArchived}
              onChange={(event) => setIncludeArchived(event.target.checked)}
            />
            Show archived
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
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Image</span>
                </th>
                <th scope="col">Product</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Available
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            {products.isPending ? (
              <SkeletonRows columns={6} />
            ) : (
              <tbody>
                {products.data?.items.map((p) => (
                  <tr key={p.id}>
                    <td className="thumb-cell">
                      <img src={p.imageSrc} alt="" width={36} height={36} className="thumb" />
                    </td>
                    <td>
                      <div className="cell-two-line">
                        <Link to={`/products/${p.id}`} className="strong">
                          {p.name}
                        </Link>
                        <span className="muted">{p.sku}</span>
                      </div>
                    </td>
                    <td>{p.category}</td>
                    <td className="num">{money(p.priceCents)}</td>
                    <td className="num">{count(p.available)}</td>
                    <td>
                      <span className={p.active ? 'pill pill-active' : 'pill pill-archived'}>
                        {p.active ? 'Active' : 'Archived'}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            )}
          </table>
        </div>
        {products.isError && <ErrorState error={products.error} retry={products.refetch} />}
        {products.data?.items.length === 0 && <Empty>No products match.</Empty>}
        <Pager
          label="Products"
          page={pages.page}
          nextCursor={products.data?.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      </section>
    </>
  );
}
