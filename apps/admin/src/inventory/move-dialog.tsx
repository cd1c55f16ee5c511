import { apiError } from '@stockpulse/live';
import { STOCK_STATES, type StockState } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { StockRow } from '../lib/api-types';
import { describeError } from '../lib/errors';
import { count, plural } from '../lib/format';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';
import {
  InputField,
  StockForm,
  stockKey,
  stockLabel,
  useStockSaved,
  wholeNumber,
} from './stock-form';

export const STATE_LABELS: Record<StockState, string> = {
  available: 'Available',
  damaged: 'Damaged',
  quality_control: 'Quality control',
  safety_stock: 'Safety stock',
};

/** How many units of a row are in a state. */
export function unitsIn(
  row: Pick<StockRow, 'available' | 'damaged' | 'qualityControl' | 'safetyStock'>,
  state: StockState,
) {
  if (state === 'available') return row.available;
  if (state === 'damaged') return row.damaged;
  if (state === 'quality_control') return row.qualityControl;
  return row.safetyStock;
}

/**
 * The quantity field's message for a refused move: the server's STOCK_UNAVAILABLE says
 * how many the source state holds right now (another change may have taken some).
 */
export function moveRefusalMessage(error: unknown): string | null {
  const info = apiError(error);
  if (info.cause !== 'STOCK_UNAVAILABLE') return null;
  const has = Number(info.details?.has);
  const from = info.details?.from as StockState | undefined;
  if (!Number.isFinite(has) || !from || !(from in STATE_LABELS)) return info.message;
  const state = STATE_LABELS[from].toLowerCase();
  return has === 0
    ? `Nothing is ${state} here to move.`
    : `Only ${plural(has, 'unit')} ${has === 1 ? 'is' : 'are'} ${state} here: move at most ${count(has)}.`;
}

/** Moves units between available and damaged, quality control or safety stock. */
export function MoveDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const saved = useStockSaved(onClose);
  const [from, setFrom] = useState<StockState>('available');
  const [to, setTo] = useState<StockState>('damaged');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const move = useMutation(
    trpc.admin.inventory.move.mutationOptions({
      onSuccess: (after) =>
        saved(
          `${stockLabel(row)}: ${count(wholeNumber(quantity))} moved to ${STATE_LABELS[to].toLowerCase()}; ${count(after.available)} available`,
        ),
    }),
  );
  const info = move.isError ? apiError(move.error) : null;
  const quantityError =
    (move.isError && moveRefusalMessage(move.error)) || info?.fieldErrors.quantity || null;
  const n = wholeNumber(quantity);
  const stateSelect = (label: string, value: StockState, onChange: (state: StockState) => void) => (
    <Field label={label} error={info?.fieldErrors[label === 'From' ? 'from' : 'to']}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value as StockState)}
        >
          {STOCK_STATES.map((state) => (
            <option key={state} value={state}>
              {STATE_LABELS[state]} ({count(unitsIn(row, state))})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <StockForm
      id="move-form"
      title={`Move stock: ${stockLabel(row)}`}
      submitLabel="Move"
      pending={move.isPending}
      failure={move.error}
      onClose={onClose}
      onSubmit={() =>
        move.mutate({ ...stockKey(row), from, to, quantity: n, reason: reason.trim() })
      }
      intro="Damaged, quality-control and safety stock stay on hand but cannot be sold; moving them back makes them available again."
      formError={
        info && !quantityError && !info.fieldErrors.reason ? describeError(move.error) : null
      }
    >
      <div className="form-row">
        {stateSelect('From', from, setFrom)}
        {stateSelect('To', to, setTo)}
      </div>
      {from === to && <p className="field-hint">Pick two different states.</p>}
      <InputField
        label="Quantity"
        numeric
        error={quantityError}
        hint={
          Number.isFinite(n) && n > 0 && from !== to
            ? `${STATE_LABELS[from]} becomes ${count(unitsIn(row, from) - n)}, ${STATE_LABELS[to].toLowerCase()} ${count(unitsIn(row, to) + n)}`
            : undefined
        }
        value={quantity}
        onChange={setQuantity}
      />
      <InputField
        label="Reason (kept on the ledger)"
        error={info?.fieldErrors.reason}
        maxLength={200}
        placeholder="dropped in the warehouse"
        value={reason}
        onChange={setReason}
      />
    </StockForm>
  );
}
