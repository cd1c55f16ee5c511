import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { trpc } from '../trpc';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { Empty, ErrorState, Loading } from '../ui/states';
import { num, TableHead } from '../ui/TableHead';
import { TableScroll } from '../ui/TableScroll';

/** The rows of one import that were refused, with why, 100 to a page. */
export function ImportErrors({ importId }: { importId: number }) {
  const pages = useCursorPages(String(importId));
  const detail = useQuery({
    ...trpc.admin.imports.byId.queryOptions({
      id: importId,
      errorsCursor: pages.cursor,
      errorsLimit: 100,
    }),
    placeholderData: keepPreviousData,
  });
  const titleId = `import-errors-${importId}`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Refused rows of import #{importId}</h2>
      {detail.isPending ? (
        <Loading />
      ) : detail.isError ? (
        <ErrorState error={detail.error} retry={detail.refetch} />
      ) : (
        <>
          {detail.data.message && <p className="error-text">{detail.data.message}</p>}
          {detail.data.errors.length === 0 ? (
            <Empty>
              {detail.data.status === 'done'
                ? 'Every row of this file was imported.'
                : 'No row refused so far.'}
            </Empty>
          ) : (
            <TableScroll>
              <table className="table">
                <TableHead columns={[num('Row'), 'SKU', 'Why']} />
                <tbody>
                  {detail.data.errors.map((error) => (
                    <tr key={error.row}>
                      <td className="num">{error.row}</td>
                      <td>{error.sku ?? '—'}</td>
                      <td className="error-text">{error.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <CursorPager
            label="Refused rows"
            pages={pages}
            nextCursor={detail.data.nextErrorsCursor}
          />
        </>
      )}
    </section>
  );
}
