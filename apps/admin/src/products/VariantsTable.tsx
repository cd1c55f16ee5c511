import type { RouterOutputs } from '@stockpulse/live';
import { formatCents, parseCents } from '@stockpulse/shared/money';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { describeError } from '../lib/errors';
import { trpc } from '../trpc';

type Variant = RouterOutputs['admin']['products']['byId']['variants'][number];

/** What `admin.variants.update` needs for a row's edits, or null when nothing changed. */
export function variantChanges(variant: Variant, price: string, active: boolean) {
  const priceCents = parseCents(price) ?? Number.NaN;
  const changes = {
    ...(Object.is(priceCents, variant.priceCents) ? {} : { priceCents }),
    ...(active === variant.active ? {} : { active }),
  };
  return Object.keys(changes).length > 0 ? { id: variant.id, ...changes } : null;
}

/** A product's variants: each one's price and whether it is sold, saved row by row. */
export function VariantsTable(props: { productId: number; variants: readonly Variant[] }) {
  return (
    <section className="card" aria-labelledby="variants-title">
      <div className="card-head">
        <h2 id="variants-title">Variants</h2>
        <Link to={`/inventory/${props.productId}`}>Stock by location</Link>
      </div>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Variant</th>
              <th>SKU</th>
              <th>Price (USD)</th>
              <th>On sale</th>
              <th>
                <span className="sr-only">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.variants.map((variant) => (
              <VariantRow
                key={`${variant.id}:${variant.priceCents}:${variant.active}`}
                variant={variant}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VariantRow({ variant }: { variant: Variant }) {
  const queryClient = useQueryClient();
  const [price, setPrice] = useState((variant.priceCents / 100).toFixed(2));
  const [active, setActive] = useState(variant.active);
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(
    trpc.admin.variants.update.mutationOptions({
      onSuccess: (saved) => {
        setError(null);
        void queryClient.invalidateQueries(trpc.admin.products.pathFilter());
        toast.success(
          `Saved ${saved.title || saved.sku}: ${formatCents(saved.priceCents)}${saved.active ? '' : ', not on sale'}`,
        );
      },
      onError: (refusal) => setError(describeError(refusal)),
    }),
  );
  const changes = variantChanges(variant, price, active);
  const title = variant.title || 'Default';
  return (
    <tr data-variant-id={variant.id}>
      <th scope="row">{title}</th>
      <td className="muted">{variant.sku}</td>
      <td>
        <input
          className="cell-input cell-input-short"
          inputMode="decimal"
          aria-label={`Price of ${title}`}
          aria-invalid={error ? true : undefined}
          value={price}
          onChange={(event) => setPrice(event.target.value)}
        />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>
        <label className="toggle">
          <input
            type="checkbox"
            checked={active}
            onChange={(event) => setActive(event.target.checked)}
          />
          <span className="sr-only">{title} on sale</span>
          {active ? 'Yes' : 'No'}
        </label>
      </td>
      <td className="actions-cell">
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Save ${title}`}
          disabled={!changes || update.isPending}
          onClick={() => changes && update.mutate(changes)}
        >
          Save
        </button>
      </td>
    </tr>
  );
}
