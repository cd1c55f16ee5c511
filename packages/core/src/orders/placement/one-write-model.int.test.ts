import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { InventoryChanged } from '@stockpulse/shared';
import { mergeOrderLines } from '@stockpulse/shared';
import { asc, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LedgerRow, ledgerRows, type StockDelta } from '../../inventory/stock';
import { openWorld, type World } from '../../testing/world';
import { transitionOrder } from '../transition';
import { placeOrder } from './place';

// Placement writes its ledger rows and `inventory:changed` payloads inside
// `record_and_commit_order`; every other stock change writes them through `moveStock`. Both
// must write what inventory/stock.ts defines (`ledgerRows`) and what the stock rows say
// (`expectedPayload` below recomputes each payload from the rows, independently of the
// database function both call).

let database: TestDatabase;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

/** The ledger rows written after `afterId`, as the table holds them but for id and time. */
async function ledgerAfter(afterId: number): Promise<LedgerRow[]> {
  const rows = await world.db
    .select()
    .from(schema.stockMovements)
    .where(gt(schema.stockMovements.id, afterId))
    .orderBy(asc(schema.stockMovements.id));
  return rows.map(({ id: _id, createdAt: _at, ...row }) => row);
}

async function lastLedgerId(): Promise<number> {
  const [row] = await world.db
    .select({ id: max(schema.stockMovements.id) })
    .from(schema.stockMovements);
  return row?.id ?? 0;
}

/** The `inventory:changed` payloads in the outbox after `afterId`, parsed. */
async function stockEventsAfter(afterId: number) {
  const rows = await world.db
    .select()
    .from(schema.outbox)
    .where(gt(schema.outbox.id, afterId))
    .orderBy(asc(schema.outbox.id));
  return rows
    .filter((row) => row.topic === 'inventory:changed')
    .map((row) => JSON.parse(row.payload) as unknown);
}

async function lastOutboxId(): Promise<number> {
  const [row] = await world.db.select({ id: max(schema.outbox.id) }).from(schema.outbox);
  return row?.id ?? 0;
}

/**
 * What `inventory:changed` must say of `variantId` now, from its rows: available over the
 * online locations, totals over all, the product's available and stock version.
 */
async function expectedPayload(variantId: number): Promise<InventoryChanged> {
  const rows = await world.db
    .select({ row: schema.inventory, online: schema.locations.fulfilsOnline })
    .from(schema.inventory)
    .innerJoin(schema.locations, eq(schema.locations.id, schema.inventory.locationId))
    .where(eq(schema.inventory.variantId, variantId))
    .orderBy(asc(schema.inventory.locationId));
  const productId = rows[0]!.row.productId;
  const siblings = await world.db
    .select({ row: schema.inventory, online: schema.locations.fulfilsOnline })
    .from(schema.inventory)
    .innerJoin(schema.locations, eq(schema.locations.id, schema.inventory.locationId))
    .where(eq(schema.inventory.productId, productId));
  const [product] = await world.db
    .select({ version: schema.products.stockVersion })
    .from(schema.products)
    .where(eq(schema.products.id, productId));
  const sum = (pick: (r: (typeof rows)[number]['row']) => number, only = rows) =>
    only.reduce((total, r) => total + pick(r.row), 0);
  const online = rows.filter((r) => r.online);
  return {
    productId,
    variantId,
    available: sum((r) => r.available!, online),
    onHand: sum((r) => r.onHand),
    reserved: sum((r) => r.reserved),
    incoming: sum((r) => r.incoming),
    unavailable: sum((r) => r.damaged + r.qualityControl + r.safetyStock),
    productAvailable: sum(
      (r) => r.available!,
      siblings.filter((r) => r.online),
    ),
    version: product!.version,
    locations: rows.map(({ row }) => ({
      locationId: row.locationId,
      available: row.available!,
      onHand: row.onHand,
      reserved: row.reserved,
      incoming: row.incoming,
      damaged: row.damaged,
      qualityControl: row.qualityControl,
      safetyStock: row.safetyStock,
    })),
  };
}

const sortedLocations = (events: unknown[]) =>
  (events as InventoryChanged[]).map((event) => ({
    ...event,
    locations: [...(event.locations ?? [])].sort((x, y) => x.locationId - y.locationId),
  }));

/** What the last step wrote: its ledger rows and its stock events, with the marks moved on. */
async function step(run: () => Promise<unknown>) {
  const [ledgerMark, outboxMark] = [await lastLedgerId(), await lastOutboxId()];
  await run();
  return {
    ledger: await ledgerAfter(ledgerMark),
    events: sortedLocations(await stockEventsAfter(outboxMark)),
  };
}

describe('one definition of a ledger row and of a stock payload', () => {
  it('is what placement (the procedure) and moveStock (cancel, ship) both write', async () => {
    const customer = await world.addCustomer();
    const east = await world.addLocation({ priority: 900 });
    // a: a simple product; b: a variant split over two locations, so placement splits it.
    const a = await world.addProduct({ onHand: 10 });
    const va = await world.variantOf(a);
    const {
      variantIds: [vb],
    } = await world.addVariantProduct({
      options: [{ name: 'Size', values: ['M'] }],
      variants: [{ options: { Size: 'M' }, stock: { 1: 2, [east]: 5 } }],
    });
    const items = mergeOrderLines([
      { variantId: vb!, quantity: 6 },
      { productId: a, quantity: 2 },
    ]);
    const actor = `customer:${customer.id}`;
    const place = () =>
      placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items,
        idempotencyKey: `one-model-${Date.now()}-${Math.random()}`,
      });
    // No location holds the whole order, nor all of b: a from the main warehouse, b split
    // by priority, 2 there and the other 4 in the east.
    const reservation: StockDelta[] = [
      { variantId: va, locationId: 1, reserved: 2 },
      { variantId: vb!, locationId: 1, reserved: 2 },
      { variantId: vb!, locationId: east, reserved: 4 },
    ];
    const release = reservation.map((d) => ({ ...d, reserved: -d.reserved! }));
    const payloads = async () => [await expectedPayload(va), await expectedPayload(vb!)];

    // Placement: record_and_commit_order writes them.
    let first = 0;
    const placed = await step(async () => {
      first = (await place()).order.id;
    });
    expect(placed.ledger).toEqual(
      ledgerRows(reservation, { reason: 'reserve', refType: 'order', refId: first, actor }),
    );
    expect(placed.events).toEqual(await payloads());

    // A cancellation: moveStock writes them, where the order was allocated.
    const cancelled = await step(() =>
      transitionOrder(world.db, { orderId: first, to: 'cancelled', actor, reason: 'changed mind' }),
    );
    expect(cancelled.ledger).toEqual(
      ledgerRows(release, {
        reason: 'release',
        refType: 'order',
        refId: first,
        actor,
        note: 'changed mind',
      }),
    );
    expect(cancelled.events).toEqual(await payloads());

    // Another placement, paid and shipped: the procedure again, then moveStock on both columns.
    let second = 0;
    const again = await step(async () => {
      second = (await place()).order.id;
    });
    expect(again.ledger).toEqual(
      ledgerRows(reservation, { reason: 'reserve', refType: 'order', refId: second, actor }),
    );
    expect(again.events).toEqual(await payloads());
    await transitionOrder(world.db, { orderId: second, to: 'paid', actor: 'worker' });
    const shipped = await step(() =>
      transitionOrder(world.db, { orderId: second, to: 'shipped', actor: 'admin:1' }),
    );
    // Shipping goes through shipLines: one shipment per location, its rows referring to it.
    const shipments = await world.db
      .select({ id: schema.shipments.id, locationId: schema.shipments.locationId })
      .from(schema.shipments)
      .where(eq(schema.shipments.orderId, second))
      .orderBy(asc(schema.shipments.id));
    expect(shipments.map((s) => s.locationId)).toEqual([1, east]);
    // Within one shipment the rows' order is not part of the contract: compare as sets.
    type Keyed = { refId: number | null; variantId: number; locationId: number };
    const inOrder = <T extends Keyed>(rows: T[]) =>
      [...rows].sort(
        (a, b) =>
          (a.refId ?? 0) - (b.refId ?? 0) ||
          a.variantId - b.variantId ||
          a.locationId - b.locationId,
      );
    expect(inOrder(shipped.ledger as Keyed[])).toEqual(
      inOrder(
        shipments.flatMap((shipment) =>
          ledgerRows(
            reservation
              .filter((d) => d.locationId === shipment.locationId)
              .map((d) => ({ ...d, onHand: -d.reserved!, reserved: -d.reserved! })),
            { reason: 'ship', refType: 'shipment', refId: shipment.id, actor: 'admin:1' },
          ),
        ) as Keyed[],
      ),
    );
    expect(shipped.events).toEqual(await payloads());
    const [pa, pb] = await payloads();
    expect([pa!.onHand, pa!.reserved, pb!.onHand, pb!.reserved]).toEqual([8, 0, 1, 0]);
    expect(pb!.locations?.map((l) => [l.locationId, l.onHand])).toEqual([
      [1, 0],
      [east, 1],
    ]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});
