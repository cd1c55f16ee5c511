import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { StockForm } from '../inventory/stock-form';
import type { FulfilmentOrder, ShipManyResult } from '../lib/api-types';
import { describeError } from '../lib/errors';
import { plural } from '../lib/format';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';
import { CARRIERS, useOrderChanged } from './ShipDialog';

/**
 * Bulk ship (`admin.fulfilment.shipMany`): every open unit of each selected order (at the
 * location the queue is filtered to, if any), one carrier, a tracking number per order.
 * Each order ships or fails on its own; the results stay in the dialog, failures named.
 */
export function BulkShipDialog(props: {
  orders: readonly FulfilmentOrder[];
  locationId: number | undefined;
  locationName: string | undefined;
  onClose: () => void;
  onShipped: (orderIds: number[]) => void;
}) {
  const { orders, onClose } = props;
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState<Record<number, string>>({});
  const [tried, setTried] = useState(false);
  const [results, setResults] = useState<ShipManyResult[] | null>(null);
  const changed = useOrderChanged();
  const shipMany = useMutation(
    trpc.admin.fulfilment.shipMany.mutationOptions({
      onSuccess: (answer) => {
        for (const r of answer) changed(r.orderId);
        const shipped = answer.filter((r) => r.ok).map((r) => r.orderId);
        props.onShipped(shipped);
        const failed = answer.length - shipped.length;
        if (failed === 0) {
          toast.success(`${plural(shipped.length, 'order')} shipped`);
          onClose();
        } else {
          setResults(answer);
        }
      },
    }),
  );
  const missing = orders.filter((o) => !(tracking[o.id] ?? '').trim()).map((o) => o.id);
  const submit = () => {
    setTried(true);
    if (!carrier.trim() || missing.length > 0) return;
    shipMany.mutate({
      carrier: carrier.trim(),
      orders: orders.map((o) => ({ orderId: o.id, trackingNumber: (tracking[o.id] ?? '').trim() })),
      ...(props.locationId === undefined ? {} : { locationId: props.locationId }),
    });
  };
  if (results) return <BulkResults results={results} onClose={onClose} />;
  return (
    <StockForm
      id="bulk-ship"
      title={`Ship ${plural(orders.length, 'order')}`}
      submitLabel={`Ship ${plural(orders.length, 'order')}`}
      wide
      pending={shipMany.isPending}
      failure={shipMany.error}
      onClose={onClose}
      onSubmit={submit}
      intro={
        props.locationName
          ? `Every open unit at ${props.locationName} of each order, one parcel per order.`
          : 'Every open unit of each order, one parcel per order and location.'
      }
      formError={shipMany.isError ? describeError(shipMany.error) : null}
    >
      <Field label="Carrier" error={tried && !carrier.trim() ? 'Enter a carrier' : null}>
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              list="bulk-carriers"
              maxLength={40}
              autoComplete="off"
              value={carrier}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setCarrier(event.target.value)}
            />
            <datalist id="bulk-carriers">
              {CARRIERS.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <table className="table table-compact" aria-label="Tracking numbers">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Tracking number</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => {
            const bad = tried && missing.includes(o.id);
            return (
              <tr key={o.id} data-order-id={o.id}>
                <td>
                  <div className="cell-two-line">
                    <span className="strong">#{o.id}</span>
                    <span className="muted small">{o.customerName}</span>
                  </div>
                </td>
                <td>
                  <input
                    className="cell-input"
                    maxLength={64}
                    aria-label={`Tracking number for order #${o.id}`}
                    aria-invalid={bad || undefined}
                    value={tracking[o.id] ?? ''}
                    onChange={(event) => setTracking((t) => ({ ...t, [o.id]: event.target.value }))}
                  />
                  {bad && (
                    <span className="field-error small qty-problem">Enter a tracking number</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </StockForm>
  );
}

/** What a bulk ship did, order by order: shipped ones and the refusals with their reason. */
function BulkResults({ results, onClose }: { results: ShipManyResult[]; onClose: () => void }) {
  const failed = results.filter((r) => !r.ok);
  return (
    <StockForm
      id="bulk-ship-results"
      title={`${plural(results.length - failed.length, 'order')} shipped, ${failed.length} not`}
      submitLabel="Done"
      pending={false}
      failure={null}
      onClose={onClose}
      onSubmit={onClose}
      intro="Orders that were not shipped are still in the queue."
      formError={null}
    >
      <ul className="list" aria-label="Results">
        {results.map((r) => (
          <li key={r.orderId} className="list-item" data-order-id={r.orderId}>
            <span className="strong">#{r.orderId}</span>
            {r.ok ? (
              <span className="pill pill-shipped">
                {r.status === 'shipped' ? 'Shipped' : 'Partially shipped'}
              </span>
            ) : (
              <span className="text-danger">Not shipped: {r.message}</span>
            )}
          </li>
        ))}
      </ul>
    </StockForm>
  );
}
