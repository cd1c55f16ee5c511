import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { DomainError } from '@stockpulse/shared';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { drainOutbox } from '../../testing';
import { openWorld, type World } from '../../testing/world';
import { placeOrder } from './place';

// Never overselling with stock split over locations (DESIGN §11): every placement below
// allocates from an unlocked read and reserves with the conditional UPDATE, so racing
// buyers can only lose, never take a unit twice; the invariant check then agrees.

let database: TestDatabase;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: 40 });
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

let keys = 0;
const key = () => `split-${Date.now()}-${++keys}`;

async function stockOf(variantId: number) {
  const [rows] = await world.pool.query<RowDataPacket[]>(
    'SELECT location_id, on_hand, reserved FROM inventory WHERE variant_id = ? ORDER BY location_id',
    [variantId],
  );
  return rows.map((r) => [Number(r.location_id), Number(r.on_hand), Number(r.reserved)]);
}

async function expectClean() {
  await drainOutbox(world.db);
  expect(await world.violations()).toEqual([]);
}

describe('placement over stock split between locations', () => {
  it('sells exactly what two locations hold to 120 concurrent buyers, and refuses the rest', async () => {
    const east = await world.addLocation({ priority: 5 });
    const {
      variantIds: [variant],
    } = await world.addVariantProduct({
      options: [{ name: 'Size', values: ['M'] }],
      variants: [{ options: { Size: 'M' }, stock: { 1: 30, [east]: 20 } }],
    });
    const buyers = await Promise.all(Array.from({ length: 40 }, () => world.addCustomer()));
    const results = await Promise.allSettled(
      Array.from({ length: 120 }, (_, i) => {
        const buyer = buyers[i % buyers.length]!;
        return placeOrder(world.db, {
          customerId: buyer.id,
          customerName: buyer.name,
          items: [{ variantId: variant!, quantity: i % 5 === 0 ? 3 : 1 }],
          idempotencyKey: key(),
        });
      }),
    );
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(DomainError);
      expect((r.reason as DomainError).code).toBe('OUT_OF_STOCK');
    }
    let sold = placed.reduce((sum, r) => sum + r.value.order.itemCount, 0);
    expect(sold).toBeLessThanOrEqual(50);
    // Whatever the race left (a buyer of 3 may have met 2), one at a time until refused:
    // every unit goes, none twice.
    for (;;) {
      const buyer = buyers[0]!;
      const last = await placeOrder(world.db, {
        customerId: buyer.id,
        customerName: buyer.name,
        items: [{ variantId: variant!, quantity: 1 }],
        idempotencyKey: key(),
      }).catch((error: unknown) => error);
      if (last instanceof DomainError) {
        expect(last.code).toBe('OUT_OF_STOCK');
        break;
      }
      sold += 1;
    }
    expect(sold).toBe(50);
    expect(await stockOf(variant!)).toEqual([
      [1, 30, 30],
      [east, 20, 20],
    ]);
    await expectClean();
  });

  it('keeps every invariant when crossed multi-line orders race over several rows', async () => {
    const north = await world.addLocation({ priority: 7 });
    const { variantIds } = await world.addVariantProduct({
      options: [{ name: 'Colour', values: ['Red', 'Green', 'Blue'] }],
      variants: [
        { options: { Colour: 'Red' }, stock: { 1: 12, [north]: 9 } },
        { options: { Colour: 'Green' }, stock: { 1: 5, [north]: 15 } },
        { options: { Colour: 'Blue' }, stock: { 1: 8, [north]: 8 } },
      ],
    });
    const [red, green, blue] = variantIds as [number, number, number];
    // A simple product at the main warehouse only joins some orders, a fourth row.
    const plain = await world.addProduct({ onHand: 10 });
    const pairs: [number, number][] = [
      [red, green],
      [green, blue],
      [blue, red],
      [green, red],
    ];
    const buyers = await Promise.all(Array.from({ length: 30 }, () => world.addCustomer()));
    const results = await Promise.allSettled(
      Array.from({ length: 90 }, (_, i) => {
        const [a, b] = pairs[i % pairs.length]!;
        const buyer = buyers[i % buyers.length]!;
        const items = [
          { variantId: b, quantity: 2 },
          { variantId: a, quantity: 1 + (i % 3) },
          ...(i % 4 === 0 ? [{ productId: plain, quantity: 1 }] : []),
        ];
        return placeOrder(world.db, {
          customerId: buyer.id,
          customerName: buyer.name,
          items,
          idempotencyKey: key(),
        });
      }),
    );
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(DomainError);
        expect((r.reason as DomainError).code).toBe('OUT_OF_STOCK');
      }
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    // Nothing reserved past what a row holds, at either location.
    for (const variant of [red, green, blue]) {
      for (const [, onHand, reserved] of await stockOf(variant)) {
        expect(reserved).toBeLessThanOrEqual(onHand!);
      }
    }
    await expectClean();
  });
});
