import { useDebounced } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CustomerRow } from '../lib/api-types';
import { count, when } from '../lib/format';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { SearchBox } from '../ui/Toolbar';

const column = createColumnHelper<CustomerRow>();

const columns = [
  column.display({
    id: 'customer',
    header: 'Customer',
    cell: ({ row: { original: c } }) => (
      <div className="cell-two-line">
        <Link to={`/customers/${c.id}`} className="strong">
          {c.name}
        </Link>
        <span className="muted">{c.email}</span>
      </div>
    ),
  }),
  column.display({
    id: 'orders',
    header: 'Orders',
    meta: { numeric: true },
    cell: ({ row }) => count(row.original.orderCount),
  }),
  column.display({
    id: 'lifetimeValue',
    header: 'Lifetime value',
    meta: { numeric: true },
    cell: ({ row }) => formatCents(row.original.lifetimeValueCents),
  }),
  column.display({
    id: 'lastOrder',
    header: 'Last order',
    meta: { numeric: true },
    cell: ({ row }) => (row.original.lastOrderAt ? when(row.original.lastOrderAt) : '—'),
  }),
  column.display({
    id: 'joined',
    header: 'Joined',
    meta: { numeric: true },
    cell: ({ row }) => when(row.original.createdAt),
  }),
];

export function CustomersPage() {
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim());
  const pages = useCursorPages(search);
  const customers = useQuery({
    ...trpc.admin.customers.list.queryOptions({
      search: search || undefined,
      cursor: pages.cursor,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Customers" subtitle="Newest first, with what each has spent." />
      <section className="card">
        <div className="toolbar">
          <SearchBox
            label="Search customers"
            placeholder="Name or email"
            value={searchText}
            onChange={setSearchText}
          />
        </div>
        <DataTable
          columns={columns}
          rows={customers.data?.items}
          loading={customers.isPending}
          rowId={(c) => c.id}
          query={customers}
          empty="No customers match."
        />
        <CursorPager label="Customers" pages={pages} nextCursor={customers.data?.nextCursor} />
      </section>
    </>
  );
}
