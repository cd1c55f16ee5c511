import { useDebounced } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProductRow } from '../lib/api-types';
import { count } from '../lib/format';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { SearchBox, Toggle } from '../ui/Toolbar';

const column = createColumnHelper<ProductRow>();

const columns = [
  column.display({
    id: 'image',
    header: () => <span className="sr-only">Image</span>,
    meta: { className: 'thumb-cell' },
    cell: ({ row }) => (
      <img
        src={row.original.imageUrl}
        srcSet={row.original.image?.srcSet}
        sizes="36px"
        alt=""
        width={36}
        height={36}
        className="thumb"
      />
    ),
  }),
  column.display({
    id: 'product',
    header: 'Product',
    cell: ({ row: { original: p } }) => (
      <div className="cell-two-line">
        <Link to={`/products/${p.id}`} className="strong">
          {p.name}
        </Link>
        <span className="muted">{p.sku}</span>
      </div>
    ),
  }),
  column.display({ id: 'category', header: 'Category', cell: ({ row }) => row.original.category }),
  column.display({
    id: 'price',
    header: 'Price',
    meta: { numeric: true },
    cell: ({ row }) => formatCents(row.original.priceCents),
  }),
  column.display({
    id: 'available',
    header: 'Available',
    meta: { numeric: true },
    cell: ({ row }) => count(row.original.available),
  }),
  column.display({
    id: 'status',
    header: 'Status',
    cell: ({ row: { original: p } }) => (
      <span className={p.active ? 'pill pill-active' : 'pill pill-archived'}>
        {p.active ? 'Active' : 'Archived'}
      </span>
    ),
  }),
];

export function ProductsPage() {
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
          <Toggle label="Show archived" checked={includeArchived} onChange={setIncludeArchived} />
          <SearchBox
            label="Search products"
            placeholder="Name or SKU"
            value={searchText}
            onChange={setSearchText}
          />
        </div>
        <DataTable
          columns={columns}
          rows={products.data?.items}
          loading={products.isPending}
          rowId={(p) => p.id}
          query={products}
          empty="No products match."
        />
        <CursorPager label="Products" pages={pages} nextCursor={products.data?.nextCursor} />
      </section>
    </>
  );
}
