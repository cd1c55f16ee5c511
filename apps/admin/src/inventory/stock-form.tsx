import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, type ReactNode, useEffect, useRef } from 'react';
import { toast } from 'sonner';
import type { StockRow } from '../lib/api-types';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

/** The row a stock call names: a variant at a location (DESIGN §11). */
export const stockKey = (row: Pick<StockRow, 'variantId' | 'locationId'>) => ({
  variantId: row.variantId,
  locationId: row.locationId,
});

/** Damaged, in quality control and safety stock together: on hand that cannot be sold. */
export const unavailable = (row: Pick<StockRow, 'damaged' | 'qualityControl' | 'safetyStock'>) =>
  row.damaged + row.qualityControl + row.safetyStock;

/** "Tee (M / Red) at Main warehouse": which row a dialog or a button is about. */
export function stockLabel(row: Pick<StockRow, 'name' | 'variantTitle' | 'locationName'>) {
  const variant = row.variantTitle ? ` (${row.variantTitle})` : '';
  return `${row.name}${variant} at ${row.locationName}`;
}

/**
 * After any stock change: the lists, this row's ledger and the restocks refetch, a toast
 * says what happened, and the dialog closes.
 */
export function useStockSaved(onClose: () => void) {
  const queryClient = useQueryClient();
  return (message: string) => {
    void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.restocks.pathFilter());
    toast.success(message);
    onClose();
  };
}

/** A whole number typed in a box: NaN for anything else, so the form can refuse it. */
export const wholeNumber = (text: string) =>
  /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;

/**
 * The frame every stock dialog shares: a titled modal whose form explains itself, holds the
 * fields, and shows the server's refusal when no field owns it; Cancel and submit below.
 */
export function StockForm(props: {
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
  wide?: boolean;
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
      wide={props.wide}
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
export function InputField({
  label,
  error,
  hint,
  numeric,
  value,
  onChange,
  ...input
}: {
  label: string;
  error?: string | null | undefined;
  hint?: string | undefined;
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
