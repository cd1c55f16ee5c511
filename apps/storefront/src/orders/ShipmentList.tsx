import { Package } from 'lucide-react';
import { formatDateTime, plural } from '../lib/format';
import { UnitLines } from './UnitLines';

export interface ShipmentView {
  id: number;
  carrier: string;
  trackingNumber: string;
  createdAt: Date;
  lines: { orderDetailId: number; quantity: number }[];
}

/** Each parcel of an order: when it left, with which carrier, its tracking number and what is in it. */
export function ShipmentList({
  shipments,
  lineName,
}: {
  shipments: readonly ShipmentView[];
  lineName: (orderDetailId: number) => string;
}) {
  if (shipments.length === 0) return null;
  return (
    <ol className="shipment-list" aria-label="Shipments">
      {shipments.map((shipment, index) => {
        const units = shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
        return (
          <li key={shipment.id} className="shipment" data-testid="shipment">
            <div className="shipment-head">
              <Package aria-hidden="true" size={18} />
              <strong>
                {shipments.length > 1 ? `Parcel ${index + 1} of ${shipments.length}` : 'Parcel'}
              </strong>
              <span className="muted small">
                {plural(units, 'item')} · shipped {formatDateTime(shipment.createdAt)}
              </span>
            </div>
            <p className="shipment-tracking">
              {shipment.carrier} tracking number{' '}
              <code data-testid="tracking-number">{shipment.trackingNumber}</code>
            </p>
            <UnitLines lines={shipment.lines} lineName={lineName} />
          </li>
        );
      })}
    </ol>
  );
}
