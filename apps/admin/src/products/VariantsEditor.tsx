import { Plus, X } from 'lucide-react';
import { count } from '../lib/format';
import type { Location } from '../locations/useLocations';
import {
  combinations,
  definedOptions,
  EMPTY_ROW,
  suggestedSku,
  type VariantDraft,
  type VariantsDraft,
  variantKey,
} from './variant-grid';

const MAX_OPTIONS = 3;
const MAX_VARIANTS = 100;

/**
 * A new product's options (a name and comma-separated values each) and, once one is
 * defined, the grid of variants they make: SKU, price and opening stock at each active
 * location per row. Empty SKU and price cells show (and send) the suggested ones.
 */
export function VariantsEditor(props: {
  draft: VariantsDraft;
  product: { sku: string; price: string };
  locations: readonly Location[] | undefined;
  onChange: (draft: VariantsDraft) => void;
}) {
  const { draft, onChange } = props;
  const options = definedOptions(draft.options);
  const combos = combinations(options);
  const setOption = (index: number, change: Partial<VariantsDraft['options'][number]>) =>
    onChange({
      ...draft,
      options: draft.options.map((option, i) => (i === index ? { ...option, ...change } : option)),
    });
  const setRow = (key: string, change: Partial<VariantDraft>) =>
    onChange({
      ...draft,
      rows: { ...draft.rows, [key]: { ...(draft.rows[key] ?? EMPTY_ROW), ...change } },
    });
  return (
    <fieldset className="plain-fieldset variants-editor">
      <legend className="section-title">Options and variants</legend>
      <p className="muted small">
        Sizes, colours… Leave empty for a product sold one way only. Each combination of values
        becomes a variant with its own SKU, price and stock.
      </p>
      {draft.options.map((option, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, by position
        <div className="option-row" key={index}>
          <label className="field">
            <span>Option {index + 1} name</span>
            <input
              value={option.name}
              placeholder={index === 0 ? 'Size' : 'Colour'}
              maxLength={40}
              onChange={(event) => setOption(index, { name: event.target.value })}
            />
          </label>
          <label className="field">
            <span>Option {index + 1} values</span>
            <input
              value={option.values}
              placeholder={index === 0 ? 'S, M, L' : 'Red, Blue'}
              onChange={(event) => setOption(index, { values: event.target.value })}
            />
          </label>
          <button
            type="button"
            className="btn btn-icon"
            aria-label={`Remove option ${index + 1}`}
            title="Remove option"
            onClick={() =>
              onChange({ ...draft, options: draft.options.filter((_, i) => i !== index) })
            }
          >
            <X size={15} aria-hidden="true" />
          </button>
        </div>
      ))}
      {draft.options.length < MAX_OPTIONS && (
        <div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              onChange({ ...draft, options: [...draft.options, { name: '', values: '' }] })
            }
          >
            <Plus size={14} aria-hidden="true" /> Add option
          </button>
        </div>
      )}
      {combos.length > 0 && (
        <>
          <p className={combos.length > MAX_VARIANTS ? 'field-error' : 'muted small'}>
            {count(combos.length)} {combos.length === 1 ? 'variant' : 'variants'}
            {combos.length > MAX_VARIANTS && ` (at most ${MAX_VARIANTS})`}. Empty cells take the
            suggestion shown.
          </p>
          <div className="table-wrap">
            <table className="table table-compact variants-grid" aria-label="Variants">
              <thead>
                <tr>
                  <th rowSpan={2}>Variant</th>
                  <th rowSpan={2}>SKU</th>
                  <th rowSpan={2}>Price (USD)</th>
                  <th colSpan={props.locations?.length ?? 1} className="group-head">
                    Opening stock
                  </th>
                </tr>
                <tr>
                  {props.locations?.map((location) => (
                    <th key={location.id} className="num" title={location.name}>
                      {location.code}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {combos.map((combo) => {
                  const key = variantKey(options, combo);
                  const row = draft.rows[key] ?? EMPTY_ROW;
                  return (
                    <tr key={key} data-variant={key}>
                      <th scope="row">{key}</th>
                      <td>
                        <input
                          className="cell-input"
                          aria-label={`SKU of ${key}`}
                          placeholder={suggestedSku(props.product.sku, Object.values(combo))}
                          value={row.sku}
                          onChange={(event) => setRow(key, { sku: event.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          className="cell-input cell-input-short"
                          inputMode="decimal"
                          aria-label={`Price of ${key}`}
                          placeholder={props.product.price || '0.00'}
                          value={row.price}
                          onChange={(event) => setRow(key, { price: event.target.value })}
                        />
                      </td>
                      {props.locations?.map((location) => (
                        <td key={location.id} className="num">
                          <input
                            className="cell-input cell-input-short"
                            inputMode="numeric"
                            aria-label={`Opening stock of ${key} at ${location.name}`}
                            placeholder="0"
                            value={row.stock[location.id] ?? ''}
                            onChange={(event) =>
                              setRow(key, {
                                stock: { ...row.stock, [location.id]: event.target.value },
                              })
                            }
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </fieldset>
  );
}
