import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { count, money, when } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { Pager, useCursorPages } from '../ui/Pager';
import { Empty, ErrorState, SkeletonRows } from '../ui/states';
import { useDebounced } from '../ui/useDebounced';

export function Component() {
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
          <label className="search">
            <Search size={16} aria-hidden="true" />
            <span className="sr-only">Search customers</span>
            <input
              type="search"
              placeholder="Name or email"
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
            />
          </label>
        </div>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col" className="num">
                  Orders
                </th>
                <th scope="col" className="num">
                  Lifetime value
                </th>
                <th scope="col" className="num">
                  Last order
                </th>
                <th scope="col" className="num">
                  Joined
                </th>
              </tr>
            </thead>
            {customers.isPending ? (
              <SkeletonRows columns={5} />
            ) : (
              <tbody>
                {customers.data?.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <div className="cell-two-line">
                        <Link to={`/customers/${c.id}`} className="strong">
                          {c.name}
                        </Link>
                        <span className="muted">{c.email}</span>
                      </div>
                    </td>
                    <td className="num">{count(c.orderCount)}</td>
                    <td className="num">{money(c.lifetimeValueCents)}</td>
                    <td className="num">{c.lastOrderAt ? when(c.lastOrderAt) : '—'}</td>
                    <td className="num">{when(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            )}
          </table>
        </div>
        {customers.isError && <ErrorState error={customers.error} retry={customers.refetch} />}
        {customers.data?.items.length === 0 && <Empty>No customers match.</Empty>}
        <Pager
          label="Customers"
          page={pages.page}
          nextCursor={customers.data?.nextCursor}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      </section>
    </>
  );
}
