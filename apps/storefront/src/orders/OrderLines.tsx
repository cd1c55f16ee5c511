import type { RouterOutputs } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { Link } from 'react-router';
import './order-lines.css';

export type OrderDetail = RouterOutputs['orders']['byId'];

/** What was ordered, the total and where it goes. */
export function OrderLines({ order }: { order: OrderDetail }) {
  const a = order.shippingAddress;
  return (
    <div className="order-lines">
      <table className="lines-table" aria-label={`Items in order #${order.id}`}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="numeric">
              Qty
            </th>
            <th scope="col" className="numeric">
              Price
            </th>
            <th scope="col" className="numeric">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.variantId}>
              <td>
                <Link to={`/products/${line.productId}`}>{line.name}</Link>
                {line.variantTitle && (
                  <span className="order-line-variant muted small"> · {line.variantTitle}</span>
                )}
              </td>
              <td className="numeric">{line.quantity}</td>
              <td className="numeric">{formatCents(line.unitPriceCents)}</td>
              <td className="numeric">{formatCents(line.unitPriceCents * line.quantity)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="numeric" data-testid="order-total">
              {formatCents(order.totalCents)}
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="ship-to">
        <h3>Ships to</h3>
        <address>
          {a.name}
          <br />
          {a.line1}
          {a.line2 && (
            <>
              <br />
              {a.line2}
            </>
          )}
          <br />
          {a.city}
          {a.region ? `, ${a.region}` : ''} {a.postalCode}
          <br />
          {a.country}
        </address>
      </div>
    </div>
  );
}
