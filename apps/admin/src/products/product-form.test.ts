import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import {
  checkProductForm,
  EMPTY_PRODUCT_FORM,
  productErrorsFromServer,
  toCreateInput,
  toUpdateInput,
  toVariantProductInput,
} from './product-form';

const saved = {
  ...EMPTY_PRODUCT_FORM,
  sku: 'TEA-1',
  name: 'Assam',
  categoryId: '3',
  price: '12.50',
};

describe('the product form', () => {
  it('sends prices as cents, and an unreadable one as NaN for the server to refuse', () => {
    expect(toCreateInput({ ...saved, price: '12.5' }).priceCents).toBe(1250);
    expect(toCreateInput({ ...saved, price: 'twelve' }).priceCents).toBeNaN();
    expect(checkProductForm({ ...saved, price: 'twelve' })).toEqual({
      price: 'Enter a price in dollars, like 12.50',
    });
    expect(checkProductForm(saved)).toEqual({});
  });

  it('updates only what changed: a price change alone leaves the rest untouched', () => {
    expect(toUpdateInput(7, { ...saved, price: '13.00' }, saved)).toEqual({
      id: 7,
      priceCents: 1300,
    });
    expect(toUpdateInput(7, saved, saved)).toEqual({ id: 7 });
    expect(toUpdateInput(7, { ...saved, imageUrl: ' ' }, { ...saved, imageUrl: '/x.png' })).toEqual(
      {
        id: 7,
        imageUrl: null,
      },
    );
  });

  it("puts the server's field errors next to the form's fields", () => {
    const error = TRPCClientError.from({
      error: {
        message: 'invalid',
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          zodError: {
            formErrors: [],
            fieldErrors: { name: ['required'], priceCents: ['Too small'], surprise: ['odd'] },
          },
        },
      },
    });
    expect(productErrorsFromServer(error)).toEqual({
      fields: { name: 'required', price: 'Too small' },
      form: 'surprise: odd',
    });
  });

  it('shows a taken SKU on the SKU field', () => {
    const error = TRPCClientError.from({
      error: {
        message: 'SKU TEA-1 is taken',
        code: -32009,
        data: { code: 'CONFLICT', cause: 'SKU_TAKEN' },
      },
    });
    expect(productErrorsFromServer(error)).toEqual({
      fields: { sku: 'Another product already has this SKU' },
      form: null,
    });
  });
});

describe('the product form with variants', () => {
  it("drops the simple product's SKU, price and opening stock for the variants", () => {
    const variants = {
      options: [{ name: 'Size', values: ['S'] }],
      variants: [{ sku: 'TEA-S', options: { Size: 'S' }, priceCents: 100 }],
    };
    const input = toVariantProductInput(saved, variants);
    expect(input).toMatchObject({ name: 'Assam', categoryId: 3, ...variants });
    expect(input).not.toHaveProperty('sku');
    expect(input).not.toHaveProperty('priceCents');
    expect(input).not.toHaveProperty('initialStock');
  });

  it('lets the default price stay empty, and names a taken variant SKU for the form', () => {
    expect(checkProductForm({ ...saved, price: '' }, true)).toEqual({});
    expect(checkProductForm({ ...saved, price: 'x' }, true)).toHaveProperty('price');
    const taken = TRPCClientError.from({
      error: {
        message: 'SKU TEA-S belongs to another product',
        code: -32009,
        data: { code: 'CONFLICT', cause: 'SKU_TAKEN', details: { sku: 'TEA-S' } },
      },
    });
    expect(productErrorsFromServer(taken, true)).toEqual({
      fields: {},
      form: 'SKU TEA-S belongs to another product',
    });
    expect(productErrorsFromServer(taken).fields.sku).toBe('Another product already has this SKU');
  });
});
