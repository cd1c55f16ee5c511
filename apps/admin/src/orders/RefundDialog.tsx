import { apiError } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { InputField, StockForm } from '../inventory/stock-form';
import { describeError, refundExceedsMessage } from '../lib/errors';
import { checkRefundAmount } from '../lib/money-input';
import { trpc } from '../trpc';

/**
 * A goodwill refund (`admin.orders.refund`): an amount in dollars up to what is refundable
 * (captured − refunded − refunds in progress) and a reason. The server has the last word:
 * REFUND_EXCEEDS_CAPTURED shows its own refundable amount at the field.
 */
export function RefundDialog(props: {
  orderId: number;
  refundableCents: number;
  onClose: () => void;
}) {
  const { orderId, refundableCents, onClose } = props;
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const refund = useMutation(
    trpc.admin.orders.refund.mutationOptions({
      onSuccess: (_, input) => {
        void queryClient.invalidateQueries(trpc.admin.orders.byId.queryFilter({ id: orderId }));
        void queryClient.invalidateQueries(trpc.admin.orders.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.sales.pathFilter());
        toast.success(`Refund of ${formatCents(input.amountCents)} requested`, {
          description: 'The card provider confirms it shortly; the payment panel shows when.',
        });
        onClose();
      },
    }),
  );
  const check = checkRefundAmount(amount, refundableCents, formatCents);
  const serverAmount = refund.isError ? refundExceedsMessage(refund.error, formatCents) : null;
  const serverReason = refund.isError ? (apiError(refund.error).fieldErrors.reason ?? null) : null;
  return (
    <StockForm
      id={`refund-${orderId}`}
      title={`Refund order #${orderId}`}
      submitLabel={check.cents ? `Refund ${formatCents(check.cents)}` : 'Refund'}
      pending={refund.isPending}
      failure={refund.error}
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (check.cents === null || !reason.trim()) return;
        refund.mutate({ orderId, amountCents: check.cents, reason: reason.trim() });
      }}
      intro={`Up to ${formatCents(refundableCents)} can be refunded to the card. Stock does not move: for goods coming back, use a return.`}
      formError={
        refund.isError && !serverAmount && !serverReason ? describeError(refund.error) : null
      }
    >
      <InputField
        label="Amount (dollars)"
        placeholder="0.00"
        maxLength={14}
        value={amount}
        error={serverAmount ?? (tried ? check.error : null)}
        hint={`At most ${formatCents(refundableCents)}`}
        onChange={setAmount}
      />
      <InputField
        label="Reason (shown to the customer)"
        maxLength={255}
        value={reason}
        error={serverReason ?? (tried && !reason.trim() ? 'Enter a reason' : null)}
        onChange={setReason}
      />
    </StockForm>
  );
}
