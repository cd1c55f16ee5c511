import { useDebounced } from '@stockpulse/live';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { StockForm } from '../inventory/stock-form';
import { describeError } from '../lib/errors';
import { count } from '../lib/format';
import { LocationSelect, useLocations } from '../locations/useLocations';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';
import { SearchBox } from '../ui/Toolbar';
import { addLine, type DraftLine, transferLines } from './transfer-lines';

/**
 * Drafts a transfer: two locations, then lines picked from the source's stock rows by
 * name or SKU (`admin.inventory.list` at that location), each with a quantity. Nothing
 * moves until it ships.
 */
export function NewTransferDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const locations = useLocations();
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim());
  const source = from ?? locations.active?.[0]?.id;
  const found = useQuery({
    ...trpc.admin.inventory.list.queryOptions({
      locationId: source,
      search: search || undefined,
      limit: 8,
    }),
    enabled: source !== undefined && search !== '',
    placeholderData: keepPreviousData,
  });
  const create = useMutation(
    trpc.admin.transfers.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries(trpc.admin.transfers.pathFilter());
        toast.success(`Transfer #${created.id} drafted`, {
          description: 'Ship it when the goods leave; nothing has moved yet.',
        });
        onClose();
      },
    }),
  );
  const setLine = (variantId: number, quantity: string) =>
    setLines((previous) =>
      previous.map((line) => (line.variantId === variantId ? { ...line, quantity } : line)),
    );
  const locationField = (
    label: string,
    value: number | undefined,
    set: (id: number | undefined) => void,
  ) => (
    <Field label={label}>
      {({ id, describedBy, invalid }) => (
        <LocationSelect
          id={id}
          value={value}
          locations={locations.active}
          describedBy={describedBy}
          invalid={invalid}
          onChange={set}
        />
      )}
    </Field>
  );
  const sameEnds = source !== undefined && source === to;
  return (
    <StockForm
      id="transfer-form"
      title="New transfer"
      submitLabel="Create draft"
      wide
      pending={create.isPending}
      failure={create.error}
      onClose={onClose}
      onSubmit={() =>
        create.mutate({
          fromLocationId: source ?? 0,
          toLocationId: to ?? 0,
          lines: transferLines(lines),
        })
      }
      intro="On hand leaves the source when the transfer ships and arrives at the destination when it is received."
      formError={create.isError ? describeError(create.error) : null}
    >
      <div className="form-row">
        {locationField('From', source, (id) => {
          setFrom(id);
          setLines([]);
        })}
        {locationField('To', to, setTo)}
      </div>
      {sameEnds && <p className="field-error">Pick two different locations.</p>}
      {/* Enter in the search box picks nothing and must not submit the draft. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: only stops Enter from submitting */}
      <div
        className="line-picker"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
            event.preventDefault();
          }
        }}
      >
        <SearchBox
          label="Find a variant to add"
          placeholder="Name or SKU"
          value={searchText}
          onChange={setSearchText}
        />
        {search !== '' && (
          <ul className="list pick-list" aria-label="Matching variants">
            {found.data?.items.length === 0 && <li className="muted">Nothing matches.</li>}
            {found.data?.items.map((row) => {
              const label = `${row.name}${row.variantTitle ? ` (${row.variantTitle})` : ''}`;
              return (
                <li key={row.variantId} className="list-item">
                  <span className="cell-two-line">
                    <span>{label}</span>
                    <span className="muted small">
                      {row.sku} · {count(row.available)} available
                    </span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Add ${row.sku}`}
                    onClick={() =>
                      setLines((previous) =>
                        addLine(previous, {
                          variantId: row.variantId,
                          sku: row.sku,
                          label,
                          available: row.available,
                        }),
                      )
                    }
                  >
                    <Plus size={14} aria-hidden="true" /> Add
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {lines.length === 0 ? (
        <p className="muted small">No lines yet: find a variant above.</p>
      ) : (
        <table className="table table-compact" aria-label="Transfer lines">
          <thead>
            <tr>
              <th>Variant</th>
              <th className="num">Quantity</th>
              <th>
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.variantId} data-variant-id={line.variantId}>
                <td>
                  <div className="cell-two-line">
                    <span>{line.label}</span>
                    <span className="muted">
                      {line.sku} · {count(line.available)} available
                    </span>
                  </div>
                </td>
                <td className="num">
                  <input
                    className="qty-input"
                    inputMode="numeric"
                    aria-label={`Quantity of ${line.sku}`}
                    value={line.quantity}
                    onChange={(event) => setLine(line.variantId, event.target.value)}
                  />
                </td>
                <td className="actions-cell">
                  <button
                    type="button"
                    className="btn btn-icon"
                    aria-label={`Remove ${line.sku}`}
                    title={`Remove ${line.sku}`}
                    onClick={() =>
                      setLines((previous) => previous.filter((l) => l.variantId !== line.variantId))
                    }
                  >
                    <X size={15} aria-hidden="true" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StockForm>
  );
}
