import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { InputField, StockForm } from '../inventory/stock-form';
import { plural } from '../lib/format';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';
import { allOpen, checkQuantities, locationsOf, type OpenLine } from './lines';
import { QuantityTable } from './QuantityTable';
import { describeLinesError } from './ship-errors';

export const CARRIERS = ['UPS', 'FedEx', 'USPS', 'DHL'] as const;

/** After a ship or a cancel: the queue, the lists and the order refetch. */
export function useOrderChanged() {
  const queryClient = useQueryClient();
  return (orderId: number) => {
    void queryClient.invalidateQueries(trpc.admin.fulfilment.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.orders.list.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.orders.counts.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.orders.byId.queryFilter({ id: orderId }));
  };
}

/**
 * Ships one parcel (or one per location) of an order (`admin.fulfilment.ship`): units per
 * line, all open units by default; a location to ship from when the order is split
 * between locations; carrier and tracking number. A refusal is shown by its cause.
 */
export function ShipDialog(props: {
  orderId: number;
  lines: readonly OpenLine[];
  onClose: () => void;
}) {
  const { orderId, lines, onClose } = props;
  const locations = locationsOf(lines);
  const split = locations.length > 1;
  const [locationId, setLocationId] = useState<number | null>(null);
  const [typed, setTyped] = useState(() => allOpen(lines));
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [tried, setTried] = useState(false);
  const changed = useOrderChanged();
  const ship = useMutation(
    trpc.admin.fulfilment.ship.mutationOptions({
      onSuccess: (result) => {
        changed(orderId);
        const units = result.shipments.reduce(
          (sum, s) => sum + s.lines.reduce((n, l) => n + l.quantity, 0),
          0,
        );
        toast.success(`Order #${orderId}: ${plural(units, 'unit')} shipped`, {
          description:
            result.status === 'shipped'
              ? 'Nothing is left to ship.'
              : 'Partially shipped: some units are still open.',
        });
        onClose();
      },
    }),
  );
  const check = checkQuantities(lines, typed, locationId);
  const fieldErrors = tried
    ? {
        carrier: carrier.trim() ? null : 'Enter a carrier',
        tracking: tracking.trim() ? null : 'Enter a tracking number',
      }
    : { carrier: null, tracking: null };
  const nothing = tried && check.problems.size === 0 && check.units === 0;
  const pickLocation = (id: number | null) => {
    setLocationId(id);
    setTyped(allOpen(lines, id));
  };
  return (
    <StockForm
      id={`ship-${orderId}`}
      title={`Ship order #${orderId}`}
      submitLabel={check.units > 0 ? `Ship ${plural(check.units, 'unit')}` : 'Ship'}
      wide
      pending={ship.isPending}
      failure={ship.error}
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (check.problems.size > 0 || check.units === 0 || !carrier.trim() || !tracking.trim())
          return;
        ship.mutate({
          orderId,
          lines: check.lines,
          carrier: carrier.trim(),
          trackingNumber: tracking.trim(),
          ...(locationId === null ? {} : { locationId }),
        });
      }}
      intro="Shipping takes the units off the shelf; the first parcel captures the payment."
      formError={ship.isError ? describeLinesError(ship.error, lines) : null}
    >
      {split && (
        <Field label="Ship from" hint="The order's units are reserved at more than one location.">
          {({ id, describedBy }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={locationId ?? ''}
              onChange={(event) =>
                pickLocation(event.target.value === '' ? null : Number(event.target.value))
              }
            >
              <option value="">Where each unit is reserved (one parcel per location)</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <QuantityTable
        lines={lines}
        typed={typed}
        problems={check.problems}
        locationId={locationId}
        verb="ship"
        onChange={(id, text) => setTyped((before) => new Map(before).set(id, text))}
      />
      {nothing && (
        <p className="field-error" role="alert">
          Choose at least one unit to ship.
        </p>
      )}
      <div className="form-row">
        <Field label="Carrier" error={fieldErrors.carrier}>
          {({ id, describedBy, invalid }) => (
            <>
              <input
                id={id}
                list={`carriers-${orderId}`}
                maxLength={40}
                required
                autoComplete="off"
                value={carrier}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(event) => setCarrier(event.target.value)}
              />
              <datalist id={`carriers-${orderId}`}>
                {CARRIERS.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <InputField
          label="Tracking number"
          maxLength={64}
          error={fieldErrors.tracking}
          value={tracking}
          onChange={setTracking}
        />
      </div>
    </StockForm>
  );
}
