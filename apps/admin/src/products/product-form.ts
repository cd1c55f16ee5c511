import { apiError } from '@stockpulse/live';
import { parseCents } from '@stockpulse/shared/money';

/** The form as typed: every field text, so nothing is lost while it is half-filled. */
export interface ProductForm {
  sku: string;
  name: string;
  /** The category's id as the select holds it ('' until one is picked). */
  categoryId: string;
  price: string;
  description: string;
  imageUrl: string;
  initialStock: string;
  reorderPoint: string;
  reorderQuantity: string;
}

export type ProductFormErrors = Partial<Record<keyof ProductForm, string>>;

export const EMPTY_PRODUCT_FORM: ProductForm = {
  sku: '',
  name: '',
  categoryId: '',
  price: '',
  description: '',
  imageUrl: '',
  initialStock: '0',
  reorderPoint: '10',
  reorderQuantity: '50',
};

const wholeOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));
/** No pick sends nothing: the server says "Choose a category" next to the field. */
const categoryIdOf = (text: string) => (text === '' ? undefined : Number(text));

/**
 * What the browser can tell by itself: a price it cannot read. Everything else (required
 * fields, lengths, SKU shape, a taken SKU) is the server's to say. An unreadable price
 * goes to the server as NaN, which it refuses, so one save shows every field's message.
 */
export function checkProductForm(form: ProductForm, withVariants = false): ProductFormErrors {
  const errors: ProductFormErrors = {};
  // With variants the price is only the rows' default: it may stay empty.
  const optional = withVariants && form.price.trim() === '';
  if (!optional && parseCents(form.price) === null) {
    errors.price = 'Enter a price in dollars, like 12.50';
  }
  return errors;
}

export function toCreateInput(form: ProductForm) {
  return {
    sku: form.sku,
    name: form.name,
    categoryId: categoryIdOf(form.categoryId),
    priceCents: parseCents(form.price) ?? Number.NaN,
    description: form.description,
    imageUrl: form.imageUrl.trim() === '' ? null : form.imageUrl,
    initialStock: wholeOrUndefined(form.initialStock),
    reorderPoint: wholeOrUndefined(form.reorderPoint),
    reorderQuantity: wholeOrUndefined(form.reorderQuantity),
  };
}

/**
 * A product with options and variants (`variantsInput`): the simple product's SKU, price
 * and opening stock give way to each variant's own.
 */
export function toVariantProductInput<V extends object>(form: ProductForm, variants: V) {
  const { sku: _sku, priceCents: _price, initialStock: _stock, ...rest } = toCreateInput(form);
  return { ...rest, ...variants };
}

/** Only what changed goes to `update`: the server refuses an update that changes nothing. */
export function toUpdateInput(id: number, form: ProductForm, saved: ProductForm) {
  const all = {
    name: form.name,
    categoryId: categoryIdOf(form.categoryId),
    priceCents: parseCents(form.price) ?? Number.NaN,
    description: form.description,
    imageUrl: form.imageUrl.trim() === '' ? null : form.imageUrl,
  };
  const before = toCreateInput(saved);
  const changes = Object.fromEntries(
    Object.entries(all).filter(
      ([key, value]) => !Object.is(before[key as keyof typeof before], value),
    ),
  ) as Partial<typeof all>;
  return { id, ...changes };
}

/** The server's field names are the API's (`priceCents`); the form's are what people type. */
const FIELD_OF: Record<string, keyof ProductForm> = {
  sku: 'sku',
  name: 'name',
  categoryId: 'categoryId',
  category: 'categoryId',
  priceCents: 'price',
  description: 'description',
  imageUrl: 'imageUrl',
  initialStock: 'initialStock',
  reorderPoint: 'reorderPoint',
  reorderQuantity: 'reorderQuantity',
};

/** What the message says for a field of the request that is not a field of the form. */
const LABEL_OF: Record<string, string> = { variants: 'Variants', options: 'Options' };

/** A refused save, as messages next to the fields (and the rest for the form as a whole). */
export function productErrorsFromServer(
  error: unknown,
  withVariants = false,
): {
  fields: ProductFormErrors;
  form: string | null;
} {
  const info = apiError(error);
  const fields: ProductFormErrors = {};
  const rest: string[] = [...info.formErrors];
  for (const [name, message] of Object.entries(info.fieldErrors)) {
    const field = FIELD_OF[name];
    if (field) fields[field] = message;
    else rest.push(`${LABEL_OF[name] ?? name}: ${message}`);
  }
  // With variants the taken SKU is a row's: the server's message names it.
  if (info.cause === 'SKU_TAKEN' && withVariants) rest.push(info.message);
  else if (info.cause === 'SKU_TAKEN') fields.sku = 'Another product already has this SKU';
  if (
    info.cause === 'CATEGORY_ARCHIVED' ||
    (info.cause === 'NOT_FOUND' && info.details?.categoryId)
  ) {
    fields.categoryId = info.message;
  }
  const form =
    rest.length > 0 ? rest.join('; ') : Object.keys(fields).length > 0 ? null : info.message;
  return { fields, form };
}
