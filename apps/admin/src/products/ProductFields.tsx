import { Field } from '../ui/Field';
import { CategoryField } from './CategoryField';
import type { ProductForm, ProductFormErrors } from './product-form';

type Spec = {
  field: keyof ProductForm;
  label: string;
  hint?: string;
  createOnly?: boolean;
  /** What the field means with variants (the rows' default). */
  variantsHint?: string;
  multiline?: boolean;
  inputMode?: 'numeric' | 'decimal';
};

const SPECS: readonly Spec[] = [
  { field: 'name', label: 'Name' },
  {
    field: 'sku',
    label: 'SKU',
    hint: 'Letters, digits, . _ or -; cannot change later',
    variantsHint: "The start of each variant's suggested SKU",
    createOnly: true,
  },
  // Drawn by CategoryField: a pick from the managed categories (the Categories page).
  { field: 'categoryId', label: 'Category' },
  {
    field: 'price',
    label: 'Price (USD)',
    inputMode: 'decimal',
    variantsHint: 'For every variant whose row leaves it empty',
  },
  { field: 'description', label: 'Description', multiline: true },
  { field: 'imageUrl', label: 'Image URL', hint: 'Empty shows the generated picture' },
  {
    field: 'initialStock',
    label: 'Opening stock',
    hint: 'At the default location; options below give stock per location',
    createOnly: true,
    inputMode: 'numeric',
  },
  { field: 'reorderPoint', label: 'Reorder point', createOnly: true, inputMode: 'numeric' },
  { field: 'reorderQuantity', label: 'Reorder quantity', createOnly: true, inputMode: 'numeric' },
];

export function ProductFields(props: {
  form: ProductForm;
  /** The saved product's category name (shown even when that category is archived). */
  savedCategory?: string | undefined;
  errors: ProductFormErrors;
  creating: boolean;
  /** The product has options: its variants have their own SKU, price and stock. */
  withVariants?: boolean;
  /** Fields not shown (e.g. the opening stock, when the variants grid has it). */
  omit?: readonly (keyof ProductForm)[];
  onChange: (field: keyof ProductForm, value: string) => void;
}) {
  return (
    <div className="form-grid">
      {SPECS.filter(
        (spec) => (props.creating || !spec.createOnly) && !props.omit?.includes(spec.field),
      ).map((spec) =>
        spec.field === 'categoryId' ? (
          <CategoryField
            key={spec.field}
            value={props.form.categoryId}
            savedName={props.savedCategory}
            error={props.errors.categoryId}
            onChange={(value) => props.onChange('categoryId', value)}
          />
        ) : (
          <div key={spec.field} className={spec.multiline ? 'span-2' : undefined}>
            <Field
              label={spec.label}
              error={props.errors[spec.field]}
              hint={(props.withVariants && spec.variantsHint) || spec.hint}
            >
              {({ id, describedBy, invalid }) =>
                spec.multiline ? (
                  <textarea
                    id={id}
                    rows={4}
                    name={spec.field}
                    value={props.form[spec.field]}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(event) => props.onChange(spec.field, event.target.value)}
                  />
                ) : (
                  <input
                    id={id}
                    name={spec.field}
                    inputMode={spec.inputMode}
                    value={props.form[spec.field]}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(event) => props.onChange(spec.field, event.target.value)}
                  />
                )
              }
            </Field>
          </div>
        ),
      )}
    </div>
  );
}
