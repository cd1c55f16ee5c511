import { addressField, nameField } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { ShoppingBag } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { CartLineRow, issueFromStatus } from '../cart/CartLineRow';
import { orderItem } from '../cart/cart';
import { needsFix } from '../cart/line-status';
import { useCartView } from '../cart/useCartView';
import { type FieldErrors, validate, withoutEdited } from '../lib/field-errors';
import { CardFields } from '../payment/CardFields';
import { serverCardErrors } from '../payment/card-errors';
import { type CardFieldErrors, emptyCard, readCard } from '../payment/card-form';
import { useSession } from '../session/useSession';
import { queryClient, trpc } from '../trpc';
import { EmptyState } from '../ui/EmptyState';
import { PageSkeleton } from '../ui/Skeleton';
import { AddressFields, type AddressForm, emptyAddress } from './AddressFields';
import { attemptSignature, createAttemptKeys } from './attempt';
import { CheckoutSummary } from './CheckoutSummary';
import { describePlaceError, type PlaceProblem } from './place-errors';
import { useFocusFirstInvalid } from './useFocusFirstInvalid';
import { useProfileAddress } from './useProfileAddress';

const shippingSchema = addressField.extend({ name: nameField });

export function CheckoutPage() {
  const { user, isPending: sessionPending } = useSession();
  const view = useCartView();
  const navigate = useNavigate();
  const [address, setAddress] = useState<AddressForm>({ ...emptyAddress, name: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<PlaceProblem | null>(null);
  const [card, setCard] = useState(emptyCard);
  const [cardErrors, setCardErrors] = useState<CardFieldErrors>({});
  const profile = useProfileAddress(!!user, setAddress);
  // A customer without a saved address keeps this one for next time, unless they say no.
  const [saveAddress, setSaveAddress] = useState(true);
  const offerToSave = !!profile.data && !profile.data.address;
  const updateAccount = useMutation(trpc.account.update.mutationOptions());
  // One key per attempt, for the page's lifetime (see attempt.ts).
  const [attempts] = useState(() => createAttemptKeys());
  // Set synchronously on the first click: a second click in the same frame sees it.
  const sending = useRef(false);

  const place = useMutation(trpc.orders.place.mutationOptions());
  const tokenize = useMutation(trpc.payments.tokenize.mutationOptions());
  const focusFirstInvalid = useFocusFirstInvalid();

  useEffect(() => {
    document.title = 'Checkout · Stockpulse';
  }, []);

  if (sessionPending) return <PageSkeleton label="Loading checkout" />;
  if (!user) return <Navigate to="/signin?next=/checkout" replace />;
  if (view.lines.length === 0 && !place.isSuccess) {
    return (
      <EmptyState
        icon={<ShoppingBag aria-hidden="true" size={40} />}
        title="Your cart is empty"
        level={1}
      >
        <p>Add something to your cart, then come back to check out.</p>
        <Link to="/" className="button">
          Start shopping
        </Link>
      </EmptyState>
    );
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    const checked = validate(shippingSchema, address);
    const cardRead = readCard(card);
    if (!checked.ok || !cardRead.ok) {
      setFieldErrors(checked.ok ? {} : checked.fields);
      setCardErrors(cardRead.ok ? {} : cardRead.fields);
      setProblem(null);
      focusFirstInvalid();
      return;
    }
    setFieldErrors({});
    setCardErrors({});
    const items = view.lines.map(orderItem);
    const shippingAddress = checked.data;
    const idempotencyKey = attempts.keyFor(attemptSignature(items, shippingAddress));
    sending.current = true;
    let paymentMethod: string;
    try {
      // The number goes to the provider's tokenizer only; the order carries the token.
      paymentMethod = (await tokenize.mutateAsync(cardRead.card)).token;
    } catch (error) {
      const fields = serverCardErrors(error);
      setCardErrors(fields);
      setProblem(Object.keys(fields).length ? null : describePlaceError(error));
      focusFirstInvalid();
      sending.current = false;
      return;
    }
    try {
      const order = await place.mutateAsync({
        items,
        idempotencyKey,
        expectedTotalCents: view.subtotalCents,
        shippingAddress,
        paymentMethod,
      });
      void queryClient.invalidateQueries(trpc.orders.mine.pathFilter());
      navigate(`/checkout/done/${order.id}`, { replace: true });
      view.clear();
      if (offerToSave && saveAddress) {
        const { name: _, ...saved } = shippingAddress;
        updateAccount.mutate(
          { address: saved },
          { onSuccess: (next) => queryClient.setQueryData(trpc.account.get.queryKey(), next) },
        );
      }
    } catch (error) {
      const next = describePlaceError(error);
      setProblem(next);
      setFieldErrors(next.fields);
      if (next.action === 'newAttempt') attempts.reset();
      if (next.action === 'refreshPrices') {
        void queryClient.invalidateQueries(trpc.catalog.byId.pathFilter());
      }
      if (next.action === 'signIn') navigate('/signin?next=/checkout');
    } finally {
      sending.current = false;
    }
  };

  /** A line the customer just changed no longer carries the server's complaint. */
  const clearLineProblem = (key: string) =>
    setProblem((current) => {
      if (!current?.lines.has(key)) return current;
      const lines = new Map(current.lines);
      lines.delete(key);
      return lines.size === 0 ? null : { ...current, lines };
    });

  const livelyFlagged = view.lines.some((line) => needsFix(line.status));
  const issueFor = (key: string) => problem?.lines.get(key) ?? null;

  return (
    <form className="checkout-page" onSubmit={submit} noValidate>
      <h1>Checkout</h1>
      <div className="two-column">
        <div className="column-stack">
          <section className="panel" aria-labelledby="shipping-heading">
            <h2 id="shipping-heading">Shipping address</h2>
            {profile.isPending ? (
              <PageSkeleton label="Loading your address" />
            ) : (
              <AddressFields
                value={address}
                onChange={(next) => {
                  setFieldErrors((errors) => withoutEdited(errors, address, next));
                  setAddress(next);
                }}
                errors={fieldErrors}
                withName
              />
            )}
            {offerToSave && (
              <label className="checkbox-field">
                <input
                  type="checkbox"
                  name="saveAddress"
                  checked={saveAddress}
                  onChange={(event) => setSaveAddress(event.target.checked)}
                />
                Save this address to my account for next time
              </label>
            )}
          </section>
          <section className="panel" aria-labelledby="payment-heading">
            <h2 id="payment-heading">Payment</h2>
            <CardFields
              value={card}
              onChange={(next) => {
                setCardErrors({});
                setCard(next);
              }}
              errors={cardErrors}
              disabled={place.isPending || tokenize.isPending}
            />
          </section>
          <section className="panel" aria-labelledby="items-heading">
            <h2 id="items-heading">Items</h2>
            <ul className="cart-lines">
              {view.lines.map((line) => (
                <CartLineRow
                  key={line.key}
                  line={line}
                  issue={issueFor(line.key) ?? issueFromStatus(line)}
                  onQuantity={(quantity) => {
                    clearLineProblem(line.key);
                    view.setQuantity(line.key, quantity);
                  }}
                  onRemove={() => {
                    clearLineProblem(line.key);
                    view.remove(line.key);
                  }}
                />
              ))}
            </ul>
          </section>
        </div>
        <CheckoutSummary
          itemCount={view.lines.reduce((n, line) => n + line.quantity, 0)}
          totalCents={view.subtotalCents}
          problem={problem?.message ?? null}
          linesChanged={livelyFlagged}
          placing={place.isPending || tokenize.isPending}
          ready={!view.loading}
        />
      </div>
    </form>
  );
}
