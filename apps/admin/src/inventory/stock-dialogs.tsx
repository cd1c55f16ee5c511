import { apiError } from '@stockpulse/live';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import { toast } from 'sonner';
import type { StockRow } from '../lib/api-types';
import { describeError, stockBelowReservedMessage } from '../lib/errors';
import { count, pluralForm } from '../lib/format';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

export type StockDialogKind = 'adjust' | 'policy' | 'restock';

/**
 * After any stock change: the lists, this product's ledger and the restocks refetch, a toast
 * says what happened, and the dialog closes.
 */
function useStockSaved(onClose: () => void) {
  const queryClient = useQueryClient();
  return (message: string) => {
    void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.restocks.pathFilter());
    toast.success(message);
    onClose();
  };
}

/** A whole number typed in a box: NaN for anything else, so the form can refuse it. */
const wholeNumber = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export function StockDialog(props: { kind: StockDialogKind; row: StockRow; onClose: () => void }) {
  if (props.kind === 'adjust') return <AdjustDialog {...props} />;
  if (props.kind === 'policy') return <PolicyDialog {...props} />;
  return <RestockDialog {...props} />;
}

/**
 * The frame every stock dialog shares: a titled modal whose form explains itself, holds the
 * fields, and shows the server's refusal when no field owns it; Cancel and submit below.
 */
function StockForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  pending: boolean;
  onClose: () => void;
  onSubmit: () => void;
  intro: ReactNode;
  /** The refusal to show under the fields (null when a field shows it, or none). */
  formError: string | null;
  /** The last refusal (a new one moves focus to what it is about). */
  failure: unknown;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  // A refused submit: focus the first field it names, else the message under the fields.
  useEffect(() => {
    if (!props.failure || !form.current) return;
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [props.failure]);
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn" data-close onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={props.id}
            className="btn btn-primary"
            disabled={props.pending}
          >
            {props.pending ? 'Saving…' : props.submitLabel}
          </button>
        </>
      }
    >
      <form id={props.id} ref={form} onSubmit={submit} className="form">
        <p className="muted">{props.intro}</p>
        {props.children}
        {props.formError !== null && (
          <p className="form-error" role="alert" tabIndex={-1}>
            {props.formError}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** A required text box in a Field; `numeric` brings up the number keyboard. */
function InputField({
  label,
  error,
  hint,
  numeric,
  value,
  onChange,
  ...input
}: {
  label: string;
  error?: string | null;
  hint?: string;
  numeric?: boolean;
  value: string;
  onChange: (value: string) => void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'maxLength' | 'placeholder'>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          inputMode={numeric ? 'numeric' : undefined}
          required
          {...input}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function AdjustDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const saved = useStockSaved(onClose);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const adjust = useMutation(
    trpc.admin.inventory.adjust.mutationOptions({
      onSuccess: (updated) => saved(`${row.name}: ${count(updated.onHand)} on hand`),
    }),
  );
  const n = wholeNumber(delta);
  const info = adjust.isError ? apiError(adjust.error) : null;
  const deltaError =
    (adjust.isError && stockBelowReservedMessage(adjust.error)) ||
    info?.fieldErrors.delta ||
    (info?.cause === 'STOCK_LIMIT' ? info.message : null);
  return (
    <StockForm
      id="adjust-form"
      title={`Adjust stock: ${row.name}`}
      submitLabel="Adjust"
      pending={adjust.isPending}
      failure={adjust.error}
      onClose={onClose}
      onSubmit={() => adjust.mutate({ productId: row.productId, delta: n, reason: reason.trim() })}
      intro={`${count(row.onHand)} on hand, ${count(row.reserved)} reserved by open orders. On hand never goes below what is reserved.`}
      formError={
        info && !deltaError && !info.fieldErrors.reason ? describeError(adjust.error) : null
      }
    >
      <InputField
        label="Change (units, negative to remove)"
        numeric
        error={deltaError}
        hint={
          Number.isFinite(n) && n !== 0 ? `On hand becomes ${count(row.onHand + n)}` : undefined
        }
        value={delta}
        onChange={setDelta}
      />
      <InputField
        label="Reason (kept on the ledger)"
        error={info?.fieldErrors.reason}
        maxLength={200}
        placeholder="stocktake: 3 broken"
        value={reason}
        onChange={setReason}
      />
    </StockForm>
  );
}

function PolicyDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const saved = useStockSaved(onClose);
  const [point, setPoint] = useState(String(row.reorderPoint));
  const [quantity, setQuantity] = useState(String(row.reorderQuantity));
  const setPolicy = useMutation(
    trpc.admin.inventory.setPolicy.mutationOptions({
      onSuccess: () => saved(`Reorder policy saved for ${row.name}`),
    }),
  );
  const info = setPolicy.isError ? apiError(setPolicy.error) : null;
  return (
    <StockForm
      id="policy-form"
      title={`Reorder policy: ${row.name}`}
      submitLabel="Save"
      pending={setPolicy.isPending}
      failure={setPolicy.error}
      onClose={onClose}
      onSubmit={() =>
        setPolicy.mutate({
          productId: row.productId,
          reorderPoint: wholeNumber(point),
          reorderQuantity: wholeNumber(quantity),
        })
      }
      intro="When available plus incoming falls to the reorder point, the scheduler orders the reorder quantity from the supplier."
      formError={
        info && Object.keys(info.fieldErrors).length === 0 ? describeError(setPolicy.error) : null
      }
    >
      <InputField
        label="Reorder point"
        numeric
        error={info?.fieldErrors.reorderPoint}
        value={point}
        onChange={setPoint}
      />
      <InputField
        label="Reorder quantity"
        numeric
        error={info?.fieldErrors.reorderQuantity}
        value={quantity}
        onChange={setQuantity}
      />
    </StockForm>
  );
}

function RestockDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const saved = useStockSaved(onClose);
  const [quantity, setQuantity] = useState(String(row.reorderQuantity));
  const restock = useMutation(
    trpc.admin.inventory.restock.mutationOptions({
      onSuccess: (created) =>
        saved(`Ordered ${count(created.quantity)} × ${row.name} from the supplier`),
    }),
  );
  const info = restock.isError ? apiError(restock.error) : null;
  return (
    <StockForm
      id="restock-form"
      title={`Restock: ${row.name}`}
      submitLabel="Order stock"
      pending={restock.isPending}
      failure={restock.error}
      onClose={onClose}
      onSubmit={() => restock.mutate({ productId: row.productId, quantity: wholeNumber(quantity) })}
      intro={`The units count as incoming until the supplier delivers them; ${count(row.incoming)} ${pluralForm(row.incoming, 'is on its way', 'are on their way')} already.`}
      formError={info && !info.fieldErrors.quantity ? describeError(restock.error) : null}
    >
      <InputField
        label="Quantity"
        numeric
        error={info?.fieldErrors.quantity}
        value={quantity}
        onChange={setQuantity}
      />
    </StockForm>
  );
}
