import { DomainError, ORDER_LIMITS } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import {
  decidePlacement,
  keyReused,
  outOfStock,
  type PlacementPlan,
  type PlaceOrder,
  placedOrderView,
  planReservation,
  type SavedAddress,
  shippingAddressOf,
  shortLines,
  stockByVariant,
  type VariantFacts,
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
const main = (available: number) => [{ locationId: 1, priority: 1, available }];
const products: VariantFacts[] = [
  {
    variantId: 11,
    productId: 1,
    name: 'Kettle',
    variantTitle: '',
    priceCents: 2_500,
    active: true,
    stock: main(10),
  },
  {
    variantId: 13,
    productId: 3,
    name: 'Mug',
    variantTitle: '',
    priceCents: 800,
    active: true,
    stock: main(10),
  },
];
const shirt = (variantId: number, title: string, active = true): VariantFacts => ({
  variantId,
  productId: 5,
  name: 'Shirt',
  variantTitle: title,
  priceCents: 2_000,
  active,
  stock: main(3),
});
const at = new Date('2026-12-02T10:00:00.123Z');

function plan(input: PlaceOrder = request, facts: VariantFacts[] = products): PlacementPlan {
  const decided = decidePlacement(input, address, facts, at);
  if (decided instanceof DomainError) throw decided;
  return decided;
}

function refusal(input: PlaceOrder, facts: VariantFacts[] = products): DomainError {
  const decided = decidePlacement(input, address, facts, at);
  expect(decided).toBeInstanceOf(DomainError);
  return decided as DomainError;
}

describe('decidePlacement', () => {
  it('prices every line at today’s price and totals them', () => {
    const decided = plan();
    expect(decided.lines).toEqual([
      {
        productId: 1,
        variantId: 11,
        name: 'Kettle',
        variantTitle: '',
        quantity: 2,
        unitPriceCents: 2_500,
      },
      {
        productId: 3,
        variantId: 13,
        name: 'Mug',
        variantTitle: '',
        quantity: 1,
        unitPriceCents: 800,
      },
    ]);
    expect([decided.totalCents, decided.itemCount]).toEqual([5_800, 3]);
  });

  it('resolves a simple product to its one variant, and merges it with the same variant', () => {
    const decided = plan({
      ...request,
      items: [
        { variantId: 11, quantity: 1 },
        { productId: 1, quantity: 2 },
      ],
    });
    expect(decided.lines.map((line) => [line.variantId, line.quantity])).toEqual([[11, 3]]);
  });

  it('refuses a product line for a product with several variants (VARIANT_REQUIRED)', () => {
    const error = refusal({ ...request, items: [{ productId: 5, quantity: 1 }] }, [
      shirt(51, 'S'),
      shirt(52, 'M'),
    ]);
    expect(error.code).toBe('VARIANT_REQUIRED');
    expect(error.message).toBe('Choose an option of Shirt');
    expect(error.details).toEqual({ items: [{ productId: 5, variantIds: [51, 52] }] });
  });

  it('names an archived variant with its options', () => {
    const error = refusal({ ...request, items: [{ variantId: 52, quantity: 1 }] }, [
      shirt(52, 'M', false),
    ]);
    expect(error.code).toBe('PRODUCT_UNAVAILABLE');
    expect(error.message).toBe('No longer sold: Shirt (M)');
  });

  it('reserves each line where it is allocated, one `reserve` ledger entry per row, as the customer', () => {
    const decided = plan();
    expect(decided.actor).toBe('customer:7');
    const reservation = planReservation(decided, stockByVariant(products));
    expect(reservation?.allocations).toEqual([
      [{ locationId: 1, quantity: 2 }],
      [{ locationId: 1, quantity: 1 }],
    ]);
    expect(reservation?.deltas).toEqual([
      { variantId: 11, locationId: 1, reserved: 2 },
      { variantId: 13, locationId: 1, reserved: 1 },
    ]);
    const zero = {
      deltaOnHand: 0,
      deltaIncoming: 0,
      deltaDamaged: 0,
      deltaQualityControl: 0,
      deltaSafetyStock: 0,
    };
    const movement = { reason: 'reserve', refType: 'order', actor: 'customer:7', note: null };
    expect(reservation?.ledger).toEqual([
      { variantId: 11, locationId: 1, ...zero, deltaReserved: 2, ...movement },
      { variantId: 13, locationId: 1, ...zero, deltaReserved: 1, ...movement },
    ]);
  });

  it('plans no reservation when the stock cannot cover a line', () => {
    const decided = plan();
    const thin = products.map((p) => ({ ...p, stock: main(1) }));
    expect(planReservation(decided, stockByVariant(thin))).toBeNull();
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
    expect(error.message).toBe('No longer sold: #9, Mug');
    expect(error.details).toEqual({
      items: [
        { productId: 9, variantId: null, name: null },
        { productId: 3, variantId: 13, name: 'Mug' },
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
  const lines = plan().lines;

  it('name only the lines the stock cannot cover, with what is left', () => {
    const short = shortLines(
      lines,
      new Map([
        [11, 1],
        [13, 5],
      ]),
    );
    expect(short).toEqual([
      { productId: 1, variantId: 11, name: 'Kettle', requested: 2, available: 1 },
    ]);
    const error = outOfStock(short);
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(error.message).toBe('Not enough stock: Kettle (1 left)');
    expect(error.details).toEqual({ items: short });
  });

  it('count a variant the read did not find as none left, and name its options', () => {
    expect(shortLines([{ ...lines[0]!, variantTitle: 'Large', quantity: 1 }], new Map())).toEqual([
      { productId: 1, variantId: 11, name: 'Kettle (Large)', requested: 1, available: 0 },
    ]);
  });

  it('find nothing short when the stock arrived meanwhile', () => {
    expect(
      shortLines(
        lines,
        new Map([
          [11, 2],
          [13, 1],
        ]),
      ),
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
