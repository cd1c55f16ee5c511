import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';

/** The select's value for "New category…": no category can be named this (64 chars max). */
const NEW = '\u0000new';

/**
 * Category of a product: picked from the categories already in use, so a typo cannot make
 * a new one by accident; a new category is an explicit choice ("New category…") that then
 * asks for its name. A name typed that matches an existing category, whatever its case,
 * is that category.
 */
export function CategoryField(props: {
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const categories = useQuery(trpc.admin.products.categories.queryOptions());
  const names = categories.data?.map((c) => c.category) ?? [];
  // A product's own category is offered while the list loads (and if it is somehow absent).
  const options = props.value && !names.includes(props.value) ? [props.value, ...names] : names;
  const [creating, setCreating] = useState(false);
  const existing = (typed: string) =>
    names.find((name) => name.toLowerCase() === typed.trim().toLowerCase());

  return (
    <>
      <div>
        <Field label="Category" error={creating ? undefined : props.error}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="category"
              value={creating ? NEW : props.value}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => {
                const picked = event.target.value;
                setCreating(picked === NEW);
                props.onChange(picked === NEW ? '' : picked);
              }}
            >
              <option value="" disabled>
                {categories.isPending ? 'Loading categories…' : 'Choose a category'}
              </option>
              {options.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
              <option value={NEW}>New category…</option>
            </select>
          )}
        </Field>
      </div>
      {creating && (
        <div>
          <Field
            label="New category name"
            error={props.error}
            hint={
              existing(props.value)
                ? `${existing(props.value)} already exists: the product goes there`
                : 'Shoppers browse by it: check the spelling'
            }
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="newCategory"
                // biome-ignore lint/a11y/noAutofocus: the field appears because staff asked for it
                autoFocus
                value={props.value}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(event) => props.onChange(event.target.value)}
                onBlur={() => {
                  const match = existing(props.value);
                  if (match) {
                    setCreating(false);
                    props.onChange(match);
                  }
                }}
              />
            )}
          </Field>
        </div>
      )}
    </>
  );
}
