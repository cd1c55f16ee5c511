import type { OrderActivity, OrderSummary, OrderUpdated, ProductUpdated } from '@stockpulse/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  patchOrderActivity,
  patchOrderCreated,
  patchOrderUpdated,
  patchProduct,
  patchStock,
} from './cache';
import { liveKeys } from './keys';

// The cache patches on a real QueryClient, with keys built by tRPC's own helpers.

const at = new Date('2026-01-01T10:00:00.000Z');
const row = (id: number, status = 'pending') => ({
  id,
  status,
  totalCents: 100,
  itemCount: 1,
  cancelReason: null as string | null,
  createdAt: at,
  updatedAt: at,
});
const adminRow = (id: number, status = 'pending') => ({
  ...row(id, status),
  customerId: 5,
  customerName: 'Ada',
  customerEmail: 'ada@example.com',
});

function setup() {
  const queryClient = new QueryClient();
  const keys = liveKeys(queryClient);
  const key = (base: readonly unknown[], input: object, type = 'query') => [
    ...base,
    { input, type },
  ];
  return { queryClient, keys, key };
}

const summary: OrderSummary = {
  id: 9,
  customerId: 5,
  customerName: 'Ada',
  status: 'pending',
  totalCents: 2_500,
  itemCount: 3,
  createdAt: '2026-01-02T00:00:00.000Z',
};

describe('patchStock', () => {
  it('patches `available` in list pages, infinite pages and the detail, nothing else', () => {
    const { queryClient, keys, key } = setup();
    const page = key(keys.catalogList(), { limit: 24 });
    const infinite = key(keys.catalogList(), { limit: 24 }, 'infinite');
    queryClient.setQueryData(page, {
      items: [
        { id: 1, available: 3 },
        { id: 2, available: 3 },
      ],
      nextCursor: null,
    });
    queryClient.setQueryData(infinite, {
      pages: [{ items: [{ id: 2, available: 3 }], nextCursor: 'x' }],
      pageParams: [null],
    });
    queryClient.setQueryData(keys.catalogById(2), {
      id: 2,
      available: 3,
      variants: [
        { id: 20, available: 1 },
        { id: 21, available: 2 },
      ],
    } as never);
    // Variant 21 sold its last 2: the product has 1 left (variant 20's).
    const event = {
      productId: 2,
      variantId: 21,
      available: 0,
      productAvailable: 1,
      onHand: 1,
      reserved: 1,
      incoming: 0,
      unavailable: 0,
      version: 4,
    };
    patchStock(queryClient, keys, event);
    expect(queryClient.getQueryData(page)).toEqual({
      items: [
        { id: 1, available: 3 },
        { id: 2, available: 1 },
      ],
      nextCursor: null,
    });
    expect(queryClient.getQueryData(infinite)).toMatchObject({
      pages: [{ items: [{ id: 2, available: 1 }] }],
    });
    expect(queryClient.getQueryData(keys.catalogById(2))).toMatchObject({
      available: 1,
      variants: [
        { id: 20, available: 1 },
        { id: 21, available: 0 },
      ],
    });
    expect(queryClient.getQueryState(page)?.isInvalidated).toBe(false);
  });
});

describe('patchProduct', () => {
  const card = (id: number, priceCents = 1_000) => ({
    id,
    name: `P${id}`,
    category: 'C',
    priceCents,
    imageUrl: '/i.svg',
    image: null,
    available: 3,
  });
  const updated = (active: boolean): ProductUpdated => ({
    productId: 2,
    name: 'Renamed',
    description: 'New words',
    category: 'C',
    priceCents: 750,
    imageUrl: '/i.svg',
    images: [],
    active,
    at: '2026-01-02T00:00:00.000Z',
  });

  it('patches the new price and name into the cards and the detail, keeping stock', () => {
    const { queryClient, keys, key } = setup();
    const page = key(keys.catalogList(), { limit: 24 });
    queryClient.setQueryData(page, { items: [card(1), card(2)], nextCursor: null });
    queryClient.setQueryData(keys.catalogById(2), {
      ...card(2),
      description: '',
      active: true,
    } as never);
    patchProduct(queryClient, keys, updated(true));
    expect(queryClient.getQueryData(page)).toEqual({
      items: [card(1), { ...card(2, 750), name: 'Renamed' }],
      nextCursor: null,
    });
    expect(queryClient.getQueryData(keys.catalogById(2))).toMatchObject({
      name: 'Renamed',
      priceCents: 750,
      description: 'New words',
      available: 3,
      active: true,
    });
    expect(queryClient.getQueryState(page)?.isInvalidated).toBe(false);
  });

  it('patches new photos in: the first into the cards, every one into the detail', () => {
    const { queryClient, keys, key } = setup();
    const page = key(keys.catalogList(), { limit: 24 });
    queryClient.setQueryData(page, { items: [card(2)], nextCursor: null });
    queryClient.setQueryData(keys.catalogById(2), {
      ...card(2),
      images: [],
      active: true,
    } as never);
    const photo = (id: number) => ({
      id,
      alt: `Photo ${id}`,
      src: `/media/product-images/2/h${id}-640.webp`,
      srcSet: `/media/product-images/2/h${id}-640.webp 640w`,
      width: 640,
      height: 480,
    });
    patchProduct(queryClient, keys, {
      ...updated(true),
      imageUrl: photo(7).src,
      images: [photo(7), photo(8)],
    });
    expect(queryClient.getQueryData(page)).toMatchObject({
      items: [{ id: 2, imageUrl: photo(7).src, image: photo(7) }],
    });
    expect(queryClient.getQueryData(keys.catalogById(2))).toMatchObject({
      imageUrl: photo(7).src,
      image: photo(7),
      images: [photo(7), photo(8)],
    });
  });

  it('an archive marks the detail inactive and refetches only the lists that hold it', () => {
    const { queryClient, keys, key } = setup();
    const holding = key(keys.catalogList(), { limit: 24 });
    const other = key(keys.catalogList(), { category: 'X', limit: 24 });
    queryClient.setQueryData(holding, { items: [card(2)], nextCursor: null });
    queryClient.setQueryData(other, { items: [card(1)], nextCursor: null });
    queryClient.setQueryData(keys.catalogById(2), { ...card(2), active: true } as never);
    patchProduct(queryClient, keys, updated(false));
    expect(queryClient.getQueryData(keys.catalogById(2))?.active).toBe(false);
    expect(queryClient.getQueryState(holding)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(other)?.isInvalidated).toBe(false);
  });
});

describe('patchOrderCreated', () => {
  it("prepends to the customer's first page and invalidates each console list", () => {
    const { queryClient, keys, key } = setup();
    const first = key(keys.myOrders(), { limit: 20 });
    const later = key(keys.myOrders(), { limit: 20, cursor: 'c' });
    const admin = key(keys.adminOrders(), { sort: 'newest', limit: 25 });
    queryClient.setQueryData(first, { items: [row(8)], nextCursor: 'c' });
    queryClient.setQueryData(later, { items: [row(1)], nextCursor: null });
    queryClient.setQueryData(admin, { items: [adminRow(8)], nextCursor: null });

    patchOrderCreated(queryClient, keys, summary);
    patchOrderCreated(queryClient, keys, summary); // a repeat adds nothing
    const items = queryClient.getQueryData<{ items: { id: number; createdAt: Date }[] }>(
      first,
    )?.items;
    expect(items?.map((o) => o.id)).toEqual([9, 8]);
    expect(items?.[0]?.createdAt).toEqual(new Date(summary.createdAt));
    expect(queryClient.getQueryData<{ items: unknown[] }>(later)?.items).toHaveLength(1);
    expect(queryClient.getQueryState(admin)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(first)?.isInvalidated).toBe(false);
  });
});

describe('patchOrderUpdated', () => {
  const update: OrderUpdated = {
    orderId: 8,
    customerId: 5,
    from: 'pending',
    status: 'cancelled',
    reason: 'payment_failed',
    at: '2026-01-03T00:00:00.000Z',
  };

  it('patches rows in place, invalidates status-filtered lists it affects and refreshes details', () => {
    const { queryClient, keys, key } = setup();
    const mine = key(keys.myOrders(), { limit: 20 });
    const all = key(keys.adminOrders(), { sort: 'newest', limit: 25 });
    const pendingOnly = key(keys.adminOrders(), { status: 'pending', sort: 'newest', limit: 25 });
    const shippedOnly = key(keys.adminOrders(), { status: 'shipped', sort: 'newest', limit: 25 });
    queryClient.setQueryData(mine, { items: [row(8), row(7)], nextCursor: null });
    queryClient.setQueryData(all, { items: [adminRow(8)], nextCursor: null });
    queryClient.setQueryData(pendingOnly, { items: [adminRow(8)], nextCursor: null });
    queryClient.setQueryData(shippedOnly, { items: [adminRow(3, 'shipped')], nextCursor: null });
    queryClient.setQueryData(keys.myOrder(8), { ...row(8), lines: [] } as never);

    patchOrderUpdated(queryClient, keys, update);
    const mineItems = queryClient.getQueryData<{ items: ReturnType<typeof row>[] }>(mine)?.items;
    expect(mineItems?.[0]).toMatchObject({
      id: 8,
      status: 'cancelled',
      cancelReason: 'payment_failed',
      updatedAt: new Date(update.at),
    });
    expect(mineItems?.[1]?.status).toBe('pending');
    expect(queryClient.getQueryState(mine)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryData<{ items: { status: string }[] }>(all)?.items[0]?.status).toBe(
      'cancelled',
    );
    expect(queryClient.getQueryState(all)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(pendingOnly)?.isInvalidated).toBe(true); // it leaves
    expect(queryClient.getQueryState(shippedOnly)?.isInvalidated).toBe(false); // unaffected
    expect(queryClient.getQueryData(keys.myOrder(8))?.status).toBe('cancelled');
    expect(queryClient.getQueryState(keys.myOrder(8))?.isInvalidated).toBe(true);
  });
});

describe('patchOrderActivity', () => {
  const activity: OrderActivity = {
    orderId: 8,
    customerId: 5,
    kind: 'refund',
    status: 'shipped',
    paymentStatus: 'partially_refunded',
    refId: 3,
    summary: 'Refund of $5.00 requested',
    at: '2026-01-03T00:00:00.000Z',
  };

  it('patches the payment status of rows that show one and refetches the open details', () => {
    const { queryClient, keys, key } = setup();
    const mine = key(keys.myOrders(), { limit: 20 });
    const all = key(keys.adminOrders(), { sort: 'newest', limit: 25 });
    queryClient.setQueryData(mine, {
      items: [
        { ...row(8, 'shipped'), paymentStatus: 'paid' },
        { ...row(7), paymentStatus: 'paid' },
      ],
      nextCursor: null,
    });
    queryClient.setQueryData(all, { items: [adminRow(8, 'shipped')], nextCursor: null });
    queryClient.setQueryData(keys.myOrder(8), { ...row(8, 'shipped'), lines: [] } as never);
    queryClient.setQueryData(keys.myOrder(7), { ...row(7), lines: [] } as never);

    patchOrderActivity(queryClient, keys, activity);
    const items = queryClient.getQueryData<{ items: { paymentStatus?: string }[] }>(mine)?.items;
    expect(items?.map((item) => item.paymentStatus)).toEqual(['partially_refunded', 'paid']);
    // A row without a payment status is left as it is.
    expect(queryClient.getQueryData<{ items: object[] }>(all)?.items[0]).not.toHaveProperty(
      'paymentStatus',
    );
    expect(queryClient.getQueryState(keys.myOrder(8))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.myOrder(7))?.isInvalidated).toBe(false);
  });
});
