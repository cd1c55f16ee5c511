import { apiError } from '@stockpulse/live';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import type { AdminOrder } from '../lib/api-types';
import { describeError, isIllegalTransition } from '../lib/errors';
import { humanize } from '../lib/format';
import { allowedActions, type OrderAction } from '../lib/order-actions';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

/** The moves the state machine allows from the order's status, each behind a confirmation. */
export function OrderActions({ order }: { order: AdminOrder }) {
  const [chosen, setChosen] = useState<OrderAction | null>(null);
  const actions = allowedActions(order.status);
  if (actions.length === 0) {
    return <p className="muted">No further actions: the order is {order.status}.</p>;
  }
  return (
    <fieldset className="row plain-fieldset">
      <legend className="sr-only">Order actions</legend>
      {actions.map((action) => (
        <button
          key={action.to}
          type="button"
          className={action.tone === 'danger' ? 'btn btn-danger' : 'btn btn-primary'}
          onClick={() => setChosen(action)}
        >
          {action.label}
        </button>
      ))}
      {chosen && <ConfirmTransition order={order} action={chosen} onDone={() => setChosen(null)} />}
    </fieldset>
  );
}

function ConfirmTransition(props: { order: AdminOrder; action: OrderAction; onDone: () => void }) {
  const { order, action, onDone } = props;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const detailKey = trpc.admin.orders.byId.queryKey({ id: order.id });
  const transition = useMutation(
    trpc.admin.orders.transition.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(detailKey, updated);
        void queryClient.invalidateQueries(trpc.admin.orders.list.pathFilter());
        toast.success(`Order #${order.id} is now ${updated.status}`);
        onDone();
      },
      onError: (error) => {
        if (!isIllegalTransition(error)) return; // shown in the dialog
        // Someone (a colleague, the payment worker) moved it first: show what it is now.
        void queryClient.invalidateQueries({ queryKey: detailKey });
        void queryClient.invalidateQueries(trpc.admin.orders.list.pathFilter());
        toast.warning(`Order #${order.id} was changed by someone else`, {
          description: `It is no longer ${order.status}, so it cannot be ${action.to}. The page now shows its current status.`,
        });
        onDone();
      },
    }),
  );
  const reasonError = transition.isError ? apiError(transition.error).fieldErrors.reason : null;
  const submit = () => {
    transition.mutate({
      id: order.id,
      to: action.to,
      ...(action.needsReason ? { reason: reason.trim() } : {}),
    });
  };
  return (
    <Dialog
      title={`${action.label} #${order.id}?`}
      onClose={onDone}
      footer={
        <>
          <button type="button" className="btn" data-close onClick={onDone}>
            Keep as {humanize(order.status).toLowerCase()}
          </button>
          <button
            type="button"
            className={action.tone === 'danger' ? 'btn btn-danger' : 'btn btn-primary'}
            onClick={submit}
            disabled={transition.isPending || (action.needsReason && reason.trim() === '')}
          >
            {transition.isPending ? 'Saving…' : action.label}
          </button>
        </>
      }
    >
      <p>{action.confirm}</p>
      {action.needsReason && (
        <Field
          label="Reason (shown to the customer)"
          error={reasonError}
          hint="For example: out of stock at the warehouse."
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              rows={3}
              maxLength={200}
              value={reason}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
      )}
      {transition.isError && !reasonError && !isIllegalTransition(transition.error) && (
        <p className="form-error" role="alert">
          {describeError(transition.error)}
        </p>
      )}
    </Dialog>
  );
}
