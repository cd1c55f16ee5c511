import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { mergeOrderLines } from '@stockpulse/shared';
import { asc, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LedgerRow, ledgerRows, type StockDelta, stockLevels } from '../../inventory/stock';
import { openWorld, type World } from '../../testing/world';
import { transitionOrder } from '../transition';
import { placeOrder } from './place';

// Placement writes its ledger rows and `inventory:changed` payloads inside
// `record_and_commit_order`; every other stock change writes them through `moveStock`. Both
// must write what inventory/stock.ts defines: `ledgerRows` and `stockLevels`.

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

async function stockRows(productIds: number[]) {
  return Promise.all(
    [...productIds]
      .sort((a, b) => a - b)
      .map(async (productId) => {
        const [row] = await world.db
          .select()
          .from(schema.inventory)
          .where(eq(schema.inventory.productId, productId));
        return row!;
      }),
  );
}

/** What the last step wrote: its ledger rows and its stock events, with the marks moved on. */
async function step(run: () => Promise<unknown>) {
  const [ledgerMark, outboxMark] = [await lastLedgerId(), await lastOutboxId()];
  await run();
  return { ledger: await ledgerAfter(ledgerMark), events: await stockEventsAfter(outboxMark) };
}

describe('one definition of a ledger row and of a stock payload', () => {
  it('is what placement (the procedure) and moveStock (cancel, ship) both write', async () => {
    const customer = await world.addCustomer();
    const [a, b] = [await world.addProduct({ onHand: 10 }), await world.addProduct({ onHand: 7 })];
    const items = mergeOrderLines([
      { productId: b, quantity: 3 },
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
    const reservation: StockDelta[] = items.map((line) => ({
      productId: line.productId,
      reserved: line.quantity,
    }));

    // Placement: record_and_commit_order writes them.
    let first = 0;
    const placed = await step(async () => {
      first = (await place()).order.id;
    });
    expect(placed.ledger).toEqual(
      ledgerRows(reservation, { reason: 'reserve', refType: 'order', refId: first, actor }),
    );
    expect(placed.events).toEqual((await stockRows([a, b])).map(stockLevels));

    // A cancellation: moveStock writes them.
    const cancelled = await step(() =>
      transitionOrder(world.db, { orderId: first, to: 'cancelled', actor, reason: 'changed mind' }),
    );
    expect(cancelled.ledger).toEqual(
      ledgerRows(
        items.map((line) => ({ productId: line.productId, reserved: -line.quantity })),
        { reason: 'release', refType: 'order', refId: first, actor, note: 'changed mind' },
      ),
    );
    expect(cancelled.events).toEqual((await stockRows([a, b])).map(stockLevels));

    // Another placement, paid and shipped: the procedure again, then moveStock on both columns.
    let second = 0;
    const again = await step(async () => {
      second = (await place()).order.id;
    });
    expect(again.ledger).toEqual(
      ledgerRows(reservation, { reason: 'reserve', refType: 'order', refId: second, actor }),
    );
    expect(again.events).toEqual((await stockRows([a, b])).map(stockLevels));
    await transitionOrder(world.db, { orderId: second, to: 'paid', actor: 'worker' });
    const shipped = await step(() =>
      transitionOrder(world.db, { orderId: second, to: 'shipped', actor: 'admin:1' }),
    );
    expect(shipped.ledger).toEqual(
      ledgerRows(
        items.map((line) => ({
          productId: line.productId,
          onHand: -line.quantity,
          reserved: -line.quantity,
        })),
        { reason: 'ship', refType: 'order', refId: second, actor: 'admin:1' },
      ),
    );
    expect(shipped.events).toEqual((await stockRows([a, b])).map(stockLevels));
    // a was added first, so it sorts first.
    expect((await stockRows([a, b])).map((row) => [row.onHand, row.reserved])).toEqual([
      [8, 0],
      [4, 0],
    ]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});
