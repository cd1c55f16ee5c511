// What staff read when the console sends a field the server refuses: zod's first message
// per field, shown under that field (or in a toast) as it stands. Each must name the field
// and say what would be accepted, never zod's "Too small" or a bare "required".

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError, z } from 'zod';
import '@stockpulse/devstack';
import { type AdminHarness, openAdminHarness, trpcError } from '../../testing';

let h: AdminHarness;
beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

/** The first message per field, as the console's apiError reads it off the wire. */
async function fieldMessages(call: Promise<unknown>) {
  const error = await trpcError(call);
  expect(error.code).toBe('BAD_REQUEST');
  expect(error.cause).toBeInstanceOf(ZodError);
  const { fieldErrors } = z.flattenError(error.cause as ZodError);
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [field, (messages as string[])[0]]),
  );
}

describe('field messages of the admin forms', () => {
  it('product form: each field named, with what it takes', async () => {
    const { create } = (await h.asAdmin()).admin.products;
    const messages = await fieldMessages(
      create({
        sku: 'has space',
        name: '  ',
        priceCents: 0,
        category: 'x'.repeat(65),
        initialStock: -1,
        reorderPoint: 1.5,
        reorderQuantity: 0,
        imageUrl: 'javascript:alert(1)',
      }),
    );
    expect(messages).toEqual({
      sku: 'SKU must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      name: 'Enter a name',
      priceCents: 'Price must be from $0.01 to $1,000,000.00',
      category: 'Category can be at most 64 characters',
      initialStock: 'Opening stock must be a whole number from 0 to 1,000,000',
      reorderPoint: 'Reorder point must be a whole number from 0 to 1,000,000',
      reorderQuantity: 'Reorder quantity must be a whole number from 1 to 1,000,000',
      imageUrl: 'Image URL must start with http://, https:// or / (a path on this server)',
    });
  });

  it('a price the browser could not read (NaN) is refused in the same words', async () => {
    const { create } = (await h.asAdmin()).admin.products;
    const messages = await fieldMessages(
      create({ sku: 'OK-1', name: 'Lamp', priceCents: Number.NaN, category: 'Lamps' }),
    );
    expect(messages).toEqual({ priceCents: 'Price must be from $0.01 to $1,000,000.00' });
  });

  it('stock dialogs: adjust, reorder settings and restock', async () => {
    const productId = await h.world.addProduct({ onHand: 5 });
    const { inventory } = (await h.asAdmin()).admin;
    expect(await fieldMessages(inventory.adjust({ productId, delta: 0, reason: '' }))).toEqual({
      delta: 'Change must not be 0: enter how many units to add (or, negative, to remove)',
      reason: 'Enter a reason',
    });
    expect(await fieldMessages(inventory.adjust({ productId, delta: 2.5, reason: 'x' }))).toEqual({
      delta: 'Change must be a whole number from -1,000,000 to 1,000,000',
    });
    expect(
      await fieldMessages(inventory.setPolicy({ productId, reorderPoint: -1, reorderQuantity: 0 })),
    ).toEqual({
      reorderPoint: expect.stringMatching(
        /^Reorder point must be a whole number from 0 to [\d,]+$/,
      ),
      reorderQuantity: expect.stringMatching(
        /^Reorder quantity must be a whole number from 1 to [\d,]+$/,
      ),
    });
    expect(await fieldMessages(inventory.restock({ productId, quantity: 0 }))).toEqual({
      quantity: expect.stringMatching(/^Quantity must be a whole number from 1 to [\d,]+$/),
    });
  });
});
