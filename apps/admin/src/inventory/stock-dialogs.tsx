import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import type { StockRow } from '../lib/api-types';
import { apiError, describeError, stockBelowReservedMessage } from '../lib/errors';
import { count } from '../lib/format';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

export type StockDialogKind = 'adjust' | 'policy' | 'restock';

/** After any stock change: the lists, this product's ledger and the restocks refetch. */
function useRefreshStock() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.restocks.pathFilter());
  };
}

/** A whole number typed in a box: NaN for anything else, so the form can refuse it. */
const wholeNumber = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export function StockDialog(props: { kind: StockDialogKind; row: StockRow; onClose: () => void }) {
  if (props.kind === 'adjust') return <AdjustDialog {...props} />;
  if (props.kind === 'policy') return <PolicyDialog {...props} />;
  return <RestockDialog {...props} />;
}

function Footer(props: { onClose: () => void; pending: boolean; label: string; form: string }) {
  return (
    <>
      <button type="button" className="btn" data-close onClick={props.onClose}>
        Cancel
      </button>
      <button type="submit" form={props.form} className="btn btn-primary" disabled={props.pending}>
        {props.pending ? 'Saving…' : props.label}
      </button>
    </>
  );
}

function AdjustDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const refresh = useRefreshStock();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const adjust = useMutation(
    trpc.admin.inventory.adjust.mutationOptions({
      onSuccess: (updated) => {
        refresh();
        toast.success(`${row.name}: ${count(updated.onHand)} on hand`);
        onClose();
      },
    }),
  );
  const n = wholeNumber(delta);
  const info = adjust.isError ? apiError(adjust.error) : null;
  const deltaError =
    (adjust.isError && stockBelowReservedMessage(adjust.error)) ||
    info?.fieldErrors.delta ||
    (info?.cause === 'STOCK_LIMIT' ? info.message : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate({ productId: row.productId, delta: n, reason: reason.trim() });
  };
  return (
    <Dialog
      title={`Adjust stock: ${row.name}`}
      onClose={onClose}
      footer={
        <Footer onClose={onClose} pending={adjust.isPending} label="Adjust" form="adjust-form" />
      }
    >
      <form id="adjust-form" onSubmit={submit} className="form">
        <p className="muted">
          {count(row.onHand)} on hand, {count(row.reserved)} reserved by open orders. On hand never
          goes below what is reserved.
        </p>
        <Field
          label="Change (units, negative to remove)"
          error={deltaError}
          hint={
            Number.isFinite(n) && n !== 0 ? `On hand becomes ${count(row.onHand + n)}` : undefined
          }
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              required
              value={delta}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setDelta(event.target.value)}
            />
          )}
        </Field>
        <Field label="Reason (kept on the ledger)" error={info?.fieldErrors.reason}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              required
              maxLength={200}
              placeholder="stocktake: 3 broken"
              value={reason}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        {info && !deltaError && !info.fieldErrors.reason && (
          <p className="form-error" role="alert">
            {describeError(adjust.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}

function PolicyDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const refresh = useRefreshStock();
  const [point, setPoint] = useState(String(row.reorderPoint));
  const [quantity, setQuantity] = useState(String(row.reorderQuantity));
  const setPolicy = useMutation(
    trpc.admin.inventory.setPolicy.mutationOptions({
      onSuccess: () => {
        refresh();
        toast.success(`Reorder policy saved for ${row.name}`);
        onClose();
      },
    }),
  );
  const info = setPolicy.isError ? apiError(setPolicy.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPolicy.mutate({
      productId: row.productId,
      reorderPoint: wholeNumber(point),
      reorderQuantity: wholeNumber(quantity),
    });
  };
  return (
    <Dialog
      title={`Reorder policy: ${row.name}`}
      onClose={onClose}
      footer={
        <Footer onClose={onClose} pending={setPolicy.isPending} label="Save" form="policy-form" />
      }
    >
      <form id="policy-form" onSubmit={submit} className="form">
        <p className="muted">
          When available plus incoming falls to the reorder point, the scheduler orders the reorder
          quantity from the supplier.
        </p>
        <Field label="Reorder point" error={info?.fieldErrors.reorderPoint}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              required
              value={point}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setPoint(event.target.value)}
            />
          )}
        </Field>
        <Field label="Reorder quantity" error={info?.fieldErrors.reorderQuantity}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              required
              value={quantity}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setQuantity(event.target.value)}
            />
          )}
        </Field>
        {info && Object.keys(info.fieldErrors).length === 0 && (
          <p className="form-error" role="alert">
            {describeError(setPolicy.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}

function RestockDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const refresh = useRefreshStock();
  const [quantity, setQuantity] = useState(String(row.reorderQuantity));
  const restock = useMutation(
    trpc.admin.inventory.restock.mutationOptions({
      onSuccess: (created) => {
        refresh();
        toast.success(`Ordered ${count(created.quantity)} × ${row.name} from the supplier`);
        onClose();
      },
    }),
  );
  const info = restock.isError ? apiError(restock.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    restock.mutate({ productId: row.productId, quantity: wholeNumber(quantity) });
  };
  return (
    <Dialog
      title={`Restock: ${row.name}`}
      onClose={onClose}
      footer={
        <Footer
          onClose={onClose}
          pending={restock.isPending}
          label="Order stock"
          form="restock-form"
        />
      }
    >
      <form id="restock-form" onSubmit={submit} className="form">
        <p className="muted">
          The units count as incoming until the supplier delivers them; {count(row.incoming)} are on
          their way already.
        </p>
        <Field label="Quantity" error={info?.fieldErrors.quantity}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              required
              value={quantity}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setQuantity(event.target.value)}
            />
          )}
        </Field>
        {info && !info.fieldErrors.quantity && (
          <p className="form-error" role="alert">
            {describeError(restock.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}
