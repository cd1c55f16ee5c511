import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { count, humanize, when } from '../lib/format';
import { trpc } from '../trpc';
import { Pager, useCursorPages } from '../ui/Pager';
import { Empty, ErrorState, SkeletonRows } from '../ui/states';

/** "+3", "−2", "" for zero: a movement reads as what it did. */
export function signed(n: number): string {
  if (n === 0) return '';
  return n > 0 ? `+${count(n)}` : `−${count(-n)}`;
}

/** A product's stock movements, newest first (refetched when its stock changes). */
export function Ledger({ productId }: { productId: number }) {
  const pages = useCursorPages(String(productId));
  const ledger = useQuery({
    ...trpc.admin.inventory.ledger.queryOptions({ productId, cursor: pages.cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Ledger</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Reason</th>
              <th scope="col" className="num">
                On hand
              </th>
              <th scope="col" className="num">
                Reserved
              </th>
              <th scope="col" className="num">
                Incoming
              </th>
              <th scope="col">By</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          {ledger.isPending ? (
            <SkeletonRows columns={7} rows={4} />
          ) : (
            <tbody>
              {ledger.data?.items.map((row) => (
                <tr key={row.id}>
                  <td>{when(row.createdAt)}</td>
                  <td>
                    {humanize(row.reason)}
                    {row.refType === 'order' && row.refId ? ` · order #${row.refId}` : ''}
                  </td>
                  <td className="num">{signed(row.deltaOnHand)}</td>
                  <td className="num">{signed(row.deltaReserved)}</td>
                  <td className="num">{signed(row.deltaIncoming)}</td>
                  <td className="muted">{row.actor}</td>
                  <td>{row.note}</td>
                </tr>
              ))}
            </tbody>
          )}
        </table>
      </div>
      {ledger.isError && <ErrorState error={ledger.error} retry={ledger.refetch} />}
      {ledger.data?.items.length === 0 && <Empty>No movements yet.</Empty>}
      <Pager
        label="Ledger"
        page={pages.page}
        nextCursor={ledger.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </section>
  );
}
