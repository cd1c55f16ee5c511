import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, Printer } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { count, plural, when } from '../lib/format';
import { trpc } from '../trpc';
import { Address } from '../ui/Address';
import { ErrorState, Loading } from '../ui/states';
import { lineLabel, openLinesOfOrder } from './lines';

/**
 * A packing slip (`/orders/:orderId/packing-slip`): ship-to, order number and the units
 * still to pack with their SKU. Printing hides the console's shell (fulfilment.css).
 */
export function PackingSlipPage() {
  const id = Number(useParams().orderId);
  const valid = Number.isSafeInteger(id) && id > 0;
  const order = useQuery({ ...trpc.admin.orders.byId.queryOptions({ id }), enabled: valid });
  if (!valid) return <ErrorState error={new Error('No such order')} />;
  if (order.isPending) return <Loading />;
  if (order.isError) return <ErrorState error={order.error} retry={order.refetch} />;
  const o = order.data;
  const lines = openLinesOfOrder(o);
  const units = lines.reduce((sum, line) => sum + line.open, 0);
  return (
    <>
      <div className="slip-tools no-print">
        <Link to={`/orders/${o.id}`} className="back-link">
          <ArrowLeft size={16} aria-hidden="true" /> Order #{o.id}
        </Link>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          <Printer size={16} aria-hidden="true" /> Print
        </button>
      </div>
      <article className="card packing-slip" aria-labelledby="slip-title">
        <header className="slip-head">
          <div>
            <h1 id="slip-title">Packing slip</h1>
            <p className="slip-order">Order #{o.id}</p>
            <p className="muted">Placed {when(o.createdAt)}</p>
          </div>
          <div>
            <h2>Ship to</h2>
            <Address {...o.shippingAddress} />
          </div>
        </header>
        {lines.length === 0 ? (
          <p className="notice">Nothing left to pack: every unit has shipped or was cancelled.</p>
        ) : (
          <table className="table slip-lines">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Item</th>
                <th scope="col">From</th>
                <th scope="col" className="num">
                  Units
                </th>
                <th scope="col" className="slip-check">
                  Packed
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.orderDetailId}>
                  <td className="mono">{line.sku}</td>
                  <td>{lineLabel(line)}</td>
                  <td>
                    {line.openAt
                      .map((at) =>
                        line.openAt.length > 1
                          ? `${at.locationName} (${at.quantity})`
                          : at.locationName,
                      )
                      .join(', ')}
                  </td>
                  <td className="num strong">{count(line.open)}</td>
                  <td className="slip-check">
                    <span className="slip-box" aria-hidden="true" />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  To pack
                </th>
                <td className="num strong">{plural(units, 'unit')}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        )}
      </article>
    </>
  );
}
