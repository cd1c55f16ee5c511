import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { plainMessage } from '../lib/errors';
import { queryClient, trpc } from '../trpc';
import { FormError } from '../ui/Field';
import { CardFields } from './CardFields';
import { serverCardErrors } from './card-errors';
import { type CardFieldErrors, emptyCard, readCard } from './card-form';

/**
 * Another card for an order whose payment was declined (`orders.pay`): the stock stays
 * reserved meanwhile, until the order expires. The card goes to the tokenizer; the order
 * gets the token. The page follows the new attempt live.
 */
export function PayAgain({ orderId }: { orderId: number }) {
  const [card, setCard] = useState(emptyCard);
  const [errors, setErrors] = useState<CardFieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const tokenize = useMutation(trpc.payments.tokenize.mutationOptions());
  const pay = useMutation(trpc.orders.pay.mutationOptions());
  const busy = tokenize.isPending || pay.isPending;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const read = readCard(card);
    if (!read.ok) return setErrors(read.fields);
    setErrors({});
    setProblem(null);
    try {
      const { token } = await tokenize.mutateAsync(read.card);
      const { paymentStatus } = await pay.mutateAsync({ orderId, paymentMethod: token });
      // Waiting again at once; the verdict arrives live (order:activity refetches the order).
      queryClient.setQueryData(trpc.orders.byId.queryKey({ id: orderId }), (order) =>
        order ? { ...order, paymentStatus } : order,
      );
      setCard(emptyCard);
    } catch (error) {
      const fields = serverCardErrors(error);
      setErrors(fields);
      setProblem(Object.keys(fields).length ? null : plainMessage(error));
      void queryClient.invalidateQueries(trpc.orders.byId.queryFilter({ id: orderId }));
    }
  };

  return (
    <form className="pay-again" onSubmit={submit} noValidate aria-labelledby="pay-again-heading">
      <h3 id="pay-again-heading">Pay with another card</h3>
      <p className="muted small">Your items stay reserved while you pay.</p>
      <CardFields value={card} onChange={setCard} errors={errors} disabled={busy} />
      <FormError message={problem} />
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? 'Paying…' : 'Pay now'}
      </button>
    </form>
  );
}
