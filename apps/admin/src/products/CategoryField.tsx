import { useQuery } from '@tanstack/react-query';
import { trpc } from '../trpc';
import { Field } from '../ui/Field';

/**
 * Category of a product: picked from the managed categories (not archived), children
 * indented under their parents, so a typo cannot make a new one; categories are created,
 * renamed and archived on the Categories page. A product whose category was archived
 * keeps showing it (`savedName`) until staff pick another.
 */
export function CategoryField(props: {
  /** The category's id, '' for none yet. */
  value: string;
  savedName?: string | undefined;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const categories = useQuery(trpc.admin.products.categories.queryOptions());
  const options = categories.data ?? [];
  const missing =
    props.value !== '' &&
    categories.isSuccess &&
    !options.some((c) => String(c.id) === props.value);

  return (
    <div>
      <Field
        label="Category"
        error={props.error}
        hint="New categories are added on the Categories page"
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="categoryId"
            value={props.value}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => props.onChange(event.target.value)}
          >
            <option value="" disabled>
              {categories.isPending ? 'Loading categories…' : 'Choose a category'}
            </option>
            {(missing || (categories.isPending && props.value !== '')) && (
              <option value={props.value}>
                {props.savedName ?? 'Current category'}
                {missing ? ' (archived)' : ''}
              </option>
            )}
            {options.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {/* Non-breaking spaces indent: a select shows no padding per option. */}
                {'\u00a0\u00a0\u00a0'.repeat(c.depth)}
                {c.category}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
