import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, openAdminHarness, trpcError } from '../../testing';

let h: AdminHarness;

beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

describe('admin.inventory.byId', () => {
  it("answers one product's stock row, as the list shows it", async () => {
    const productId = await h.world.addProduct({ onHand: 12, name: 'Single row' });
    const admin = await h.asAdmin();
    const row = await admin.admin.inventory.byId({ productId });
    expect(row).toMatchObject({ productId, name: 'Single row', onHand: 12, reserved: 0 });
    expect(row.available).toBe(12);
    const listed = await admin.admin.inventory.list({ search: 'Single row' });
    expect(listed.items).toContainEqual(row);
  });

  it('is NOT_FOUND for an unknown product, FORBIDDEN to a customer, UNAUTHORIZED anonymously', async () => {
    const admin = await h.asAdmin();
    expect((await trpcError(admin.admin.inventory.byId({ productId: 999_999_999 }))).code).toBe(
      'NOT_FOUND',
    );
    const productId = await h.world.addProduct({ onHand: 1 });
    const customer = await h.asCustomer();
    expect((await trpcError(customer.admin.inventory.byId({ productId }))).code).toBe('FORBIDDEN');
    const anonymous = await h.asAnonymous();
    expect((await trpcError(anonymous.admin.inventory.byId({ productId }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
