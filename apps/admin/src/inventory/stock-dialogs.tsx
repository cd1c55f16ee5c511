import { apiError } from '@stockpulse/live';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { StockRow } from '../lib/api-types';
import { describeError, stockBelowReservedMessage } from '../lib/errors';
import { count, pluralForm } from '../lib/format';
import { trpc } from '../trpc';
import { MoveDialog } from './move-dialog';
import {
  InputField,
  StockForm,
  stockKey,
  stockLabel,
  unavailable,
  useStockSaved,
  wholeNumber,
} from './stock-form';

export type StockDialogKind = 'adjust' | 'move' | 'policy' | 'restock';

export function StockDialog(props: { kind: StockDialogKind; row: StockRow; onClose: () => void }) {
  if (props.kind === 'adjust') return <AdjustDialog {...props} />;
  if (props.kind === 'move') return <MoveDialog {...props} />;
  if (props.kind === 'policy') return <PolicyDialog {...props} />;
  return <RestockDialog {...props} />;
}

function AdjustDialog({ row, onClose }: { row: StockRow; onClose: () => void }) {
  const saved = useStockSaved(onClose);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const adjust = useMutation(
    trpc.admin.inventory.adjust.mutationOptions({
      onSuccess: (updated) => saved(`${stockLabel(row)}: ${count(updated.onHand)} on hand`),
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
      title={`Adjust stock: ${stockLabel(row)}`}
      submitLabel="Adjust"
      pending={adjust.isPending}
      failure={adjust.error}
      onClose={onClose}
      onSubmit={() => adjust.mutate({ ...stockKey(row), delta: n, reason: reason.trim() })}
      intro={`${count(row.onHand)} on hand, ${count(row.reserved)} reserved by open orders${unavailable(row) > 0 ? `, ${count(unavailable(row))} unavailable` : ''}. On hand never goes below what is reserved and unavailable.`}
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
      onSuccess: () => saved(`Reorder policy saved for ${stockLabel(row)}`),
    }),
  );
  const info = setPolicy.isError ? apiError(setPolicy.error) : null;
  return (
    <StockForm
      id="policy-form"
      title={`Reorder policy: ${stockLabel(row)}`}
      submitLabel="Save"
      pending={setPolicy.isPending}
      failure={setPolicy.error}
      onClose={onClose}
      onSubmit={() =>
        setPolicy.mutate({
          ...stockKey(row),
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
        saved(`Ordered ${count(created.quantity)} × ${stockLabel(row)} from the supplier`),
    }),
  );
  const info = restock.isError ? apiError(restock.error) : null;
  return (
    <StockForm
      id="restock-form"
      title={`Restock: ${stockLabel(row)}`}
      submitLabel="Order stock"
      pending={restock.isPending}
      failure={restock.error}
      onClose={onClose}
      onSubmit={() => restock.mutate({ ...stockKey(row), quantity: wholeNumber(quantity) })}
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
