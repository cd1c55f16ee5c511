import { DomainError, ORDER_LIMITS } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import {
  decidePlacement,
  keyReused,
  outOfStock,
  type PlacementPlan,
  type PlaceOrder,
  type ProductFacts,
  placedOrderView,
  type SavedAddress,
  shippingAddressOf,
  shortLines,
} from './decide';

const request: PlaceOrder = {
  customerId: 7,
  customerName: 'Ada Lovelace',
  items: [
    { productId: 1, quantity: 2 },
    { productId: 3, quantity: 1 },
  ],
  idempotencyKey: 'key-12345678',
};
const address = {
  name: 'Ada Lovelace',
  line1: '1 Test Street',
  line2: null,
  city: 'Testville',
  region: null,
  postalCode: '12345',
  country: 'US',
};
const products: ProductFacts[] = [
  { id: 1, name: 'Kettle', priceCents: 2_500, active: true },
  { id: 3, name: 'Mug', priceCents: 800, active: true },
];
const at = new Date('2026-12-02T10:00:00.123Z');

function plan(input: PlaceOrder = request, facts: ProductFacts[] = products): PlacementPlan {
  const decided = decidePlacement(input, address, facts, at);
  if (decided instanceof DomainError) throw decided;
  return decided;
}

function refusal(input: PlaceOrder, facts: ProductFacts[] = products): DomainError {
  const decided = decidePlacement(input, address, facts, at);
  expect(decided).toBeInstanceOf(DomainError);
  return decided as DomainError;
}

describe('decidePlacement', () => {
  it('prices every line at today’s price and totals them', () => {
    const decided = plan();
    expect(decided.lines).toEqual([
      { productId: 1, name: 'Kettle', quantity: 2, unitPriceCents: 2_500 },
      { productId: 3, name: 'Mug', quantity: 1, unitPriceCents: 800 },
    ]);
    expect([decided.totalCents, decided.itemCount]).toEqual([5_800, 3]);
  });

  it('reserves each line and writes one `reserve` ledger entry per line, as the customer', () => {
    const decided = plan();
    expect(decided.actor).toBe('customer:7');
    expect(decided.reservation).toEqual([
      { productId: 1, reserved: 2 },
      { productId: 3, reserved: 1 },
    ]);
    expect(decided.ledger).toEqual([
      {
        productId: 1,
        deltaOnHand: 0,
        deltaReserved: 2,
        deltaIncoming: 0,
        reason: 'reserve',
        refType: 'order',
        actor: 'customer:7',
        note: null,
      },
      {
        productId: 3,
        deltaOnHand: 0,
        deltaReserved: 1,
        deltaIncoming: 0,
        reason: 'reserve',
        refType: 'order',
        actor: 'customer:7',
        note: null,
      },
    ]);
  });

  it('builds the order:created payload whole but for the id, which no one has yet', () => {
    expect(plan().created).toEqual({
      customerId: 7,
      customerName: 'Ada Lovelace',
      status: 'pending',
      totalCents: 5_800,
      itemCount: 3,
      createdAt: '2026-12-02T10:00:00.123Z',
    });
    expect(plan().created).not.toHaveProperty('id');
  });

  it('refuses archived and unknown products by name (PRODUCT_UNAVAILABLE)', () => {
    const error = refusal(
      { ...request, items: [...request.items, { productId: 9, quantity: 1 }] },
      [products[0]!, { ...products[1]!, active: false }],
    );
    expect(error.code).toBe('PRODUCT_UNAVAILABLE');
    expect(error.message).toBe('No longer sold: Mug, #9');
    expect(error.details).toEqual({
      items: [
        { productId: 3, name: 'Mug' },
        { productId: 9, name: null },
      ],
    });
  });

  it('refuses a total past the largest order (ORDER_TOO_LARGE)', () => {
    const error = refusal({ ...request, items: [{ productId: 1, quantity: 41 }] }, [
      { ...products[0]!, priceCents: 50_000_000 },
    ]);
    expect(error.code).toBe('ORDER_TOO_LARGE');
    expect(error.details).toEqual({
      totalCents: 2_050_000_000,
      maxTotalCents: ORDER_LIMITS.maxTotalCents,
    });
  });

  it('refuses a total the customer did not see (PRICE_CHANGED), and takes the one they did', () => {
    const error = refusal({ ...request, expectedTotalCents: 5_000 });
    expect(error.code).toBe('PRICE_CHANGED');
    expect(error.details).toEqual({ expectedTotalCents: 5_000, totalCents: 5_800 });
    expect(plan({ ...request, expectedTotalCents: 5_800 }).totalCents).toBe(5_800);
  });

  it('names an unavailable product before a too-large total', () => {
    const error = refusal({ ...request, items: [{ productId: 1, quantity: 999 }] }, [
      { ...products[0]!, priceCents: 50_000_000, active: false },
    ]);
    expect(error.code).toBe('PRODUCT_UNAVAILABLE');
  });
});

describe('placedOrderView', () => {
  it('is the plan recorded under its id, pending, created and updated at the same time', () => {
    const decided = plan();
    expect(placedOrderView(decided, 42)).toEqual({
      id: 42,
      customerId: 7,
      customerName: 'Ada Lovelace',
      status: 'pending',
      totalCents: 5_800,
      itemCount: 3,
      cancelReason: null,
      createdAt: at,
      updatedAt: at,
      shippingAddress: address,
      lines: decided.lines,
    });
  });
});

describe('shippingAddressOf', () => {
  const saved: SavedAddress = {
    line1: '2 Side St',
    line2: 'Flat 3',
    city: 'Paris',
    region: null,
    postalCode: '75001',
    country: 'FR',
  };

  it('takes the request’s address first', () => {
    const given = { ...address, name: 'Someone else' };
    expect(shippingAddressOf({ ...request, shippingAddress: given }, saved)).toBe(given);
  });

  it('else the account’s, under the customer’s name', () => {
    expect(shippingAddressOf(request, saved)).toEqual({ name: 'Ada Lovelace', ...saved });
  });

  it('else refuses (SHIPPING_ADDRESS_REQUIRED), also when the account’s lacks a part', () => {
    for (const account of [undefined, { ...saved, city: null }, { ...saved, country: '' }]) {
      const error = shippingAddressOf(request, account);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('SHIPPING_ADDRESS_REQUIRED');
    }
  });
});

describe('shortLines and outOfStock', () => {
  it('name only the lines the stock cannot cover, with what is left', () => {
    const short = shortLines(request.items, [
      { id: 1, name: 'Kettle', available: 1 },
      { id: 3, name: 'Mug', available: 5 },
    ]);
    expect(short).toEqual([{ productId: 1, name: 'Kettle', requested: 2, available: 1 }]);
    const error = outOfStock(short);
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(error.message).toBe('Not enough stock: Kettle (1 left)');
    expect(error.details).toEqual({ items: short });
  });

  it('count a product the read did not find as none left', () => {
    expect(shortLines([{ productId: 5, quantity: 1 }], [])).toEqual([
      { productId: 5, name: '#5', requested: 1, available: 0 },
    ]);
  });

  it('find nothing short when the stock arrived meanwhile', () => {
    expect(
      shortLines(request.items, [
        { id: 1, name: 'Kettle', available: 2 },
        { id: 3, name: 'Mug', available: 1 },
      ]),
    ).toEqual([]);
  });
});

describe('keyReused', () => {
  it('lets the same request replay, and refuses a different one under the same key', () => {
    expect(keyReused({ id: 5, requestHash: 'abc' }, 'abc')).toBeNull();
    const error = keyReused({ id: 5, requestHash: 'abc' }, 'def');
    expect(error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error?.details).toEqual({ orderId: 5 });
  });
});
