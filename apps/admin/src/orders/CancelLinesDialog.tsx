import { apiError } from '@stockpulse/live';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { allOpen, cancelledAmount, checkQuantities, type OpenLine } from '../fulfilment/lines';
import { QuantityTable } from '../fulfilment/QuantityTable';
import { useOrderChanged } from '../fulfilment/ShipDialog';
import { describeLinesError } from '../fulfilment/ship-errors';
import { StockForm } from '../inventory/stock-form';
import type { AdminOrder } from '../lib/api-types';
import { plural } from '../lib/format';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';
import { cancelMoneyNote } from './money-note';

/**
 * Cancels open units of an order's lines (`admin.orders.cancelLines`): quantities per line
 * (none by default), a reason the customer sees, and what it does to the money.
 */
export function CancelLinesDialog(props: {
  order: AdminOrder;
  lines: readonly OpenLine[];
  onClose: () => void;
}) {
  const { order, lines, onClose } = props;
  const [typed, setTyped] = useState<Map<number, string>>(() => new Map());
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const changed = useOrderChanged();
  const cancel = useMutation(
    trpc.admin.orders.cancelLines.mutationOptions({
      onSuccess: (result) => {
        changed(order.id);
        toast.success(`Order #${order.id}: ${plural(check.units, 'unit')} cancelled`, {
          description:
            result.status === 'cancelled'
              ? 'Nothing was left: the order is cancelled.'
              : result.status === 'shipped'
                ? 'The rest has shipped: the order is shipped.'
                : undefined,
        });
        onClose();
      },
    }),
  );
  const check = checkQuantities(lines, typed);
  const unitPrice = new Map(
    order.lines.flatMap((l) =>
      l.orderDetailId === undefined ? [] : [[l.orderDetailId, l.unitPriceCents] as const],
    ),
  );
  const amount = cancelledAmount(check.lines, unitPrice);
  const reasonError =
    (tried && !reason.trim() ? 'Enter a reason' : null) ??
    (cancel.isError ? (apiError(cancel.error).fieldErrors.reason ?? null) : null);
  return (
    <StockForm
      id={`cancel-lines-${order.id}`}
      title={`Cancel items of order #${order.id}`}
      submitLabel={check.units > 0 ? `Cancel ${plural(check.units, 'unit')}` : 'Cancel units'}
      wide
      pending={cancel.isPending}
      failure={cancel.error}
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (check.problems.size > 0 || check.units === 0 || !reason.trim()) return;
        cancel.mutate({ orderId: order.id, lines: check.lines, reason: reason.trim() });
      }}
      intro="Only units not shipped yet can be cancelled; their reserved stock goes back on sale."
      formError={cancel.isError && !reasonError ? describeLinesError(cancel.error, lines) : null}
    >
      <div className="row">
        <button type="button" className="btn btn-small" onClick={() => setTyped(allOpen(lines))}>
          Every open unit
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => setTyped(new Map())}
        >
          None
        </button>
      </div>
      <QuantityTable
        lines={lines}
        typed={typed}
        problems={check.problems}
        locationId={null}
        verb="cancel"
        onChange={(id, text) => setTyped((before) => new Map(before).set(id, text))}
      />
      {tried && check.units === 0 && check.problems.size === 0 && (
        <p className="field-error" role="alert">
          Choose at least one unit to cancel.
        </p>
      )}
      <p className="money-note" role="status">
        {cancelMoneyNote(amount, order)}
      </p>
      <Field
        label="Reason (shown to the customer)"
        error={reasonError}
        hint="For example: damaged in the warehouse."
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={2}
            maxLength={200}
            value={reason}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
    </StockForm>
  );
}
