import { receiveRestock, requestRestock } from '@stockpulse/core';
import { schema } from '@stockpulse/db';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, openAdminHarness } from '../../testing';

let h: AdminHarness;

beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

describe('admin.restocks.open', () => {
  it('counts every open restock, not the length of a page, and lists the newest open ones', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 36; i++) {
      const productId = await h.world.addProduct({ onHand: 1 });
      const restock = await requestRestock(h.world.db, { productId, quantity: 5, actor: 'test' });
      ids.push(restock.id);
    }
    // Two arrive: no longer open, yet among the newest rows.
    for (const id of ids.slice(-2)) expect(await receiveRestock(h.world.db, id)).not.toBeNull();

    const open = await (await h.asAdmin()).admin.restocks.open({ limit: 10 });
    const [truth] = await h.world.db
      .select({ n: sql<number>`COUNT(*)`.mapWith(Number) })
      .from(schema.restocks)
      .where(inArray(schema.restocks.status, ['requested', 'in_transit']));
    expect(open.count).toBe(truth!.n);
    expect(open.count).toBeGreaterThanOrEqual(34);
    expect(open.items.map((r) => r.id)).toEqual(ids.slice(-12, -2).reverse());
    expect(open.items[0]).toMatchObject({ quantity: 5, productName: expect.any(String) });
    expect(open.items.every((r) => r.status === 'requested' || r.status === 'in_transit')).toBe(
      true,
    );
    await h.expectInvariants();
  });

  it('is for administrators only', async () => {
    await expect((await h.asCustomer()).admin.restocks.open()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
