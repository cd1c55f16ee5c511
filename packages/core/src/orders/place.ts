import { type Database, schema } from '@stockpulse/db';
import {
  DomainError,
  JOBS,
  ORDER_JOB_ID_PREFIX,
  ORDER_LIMITS,
  type OrderLineInput,
  type OrderSummary,
  type ShippingAddress,
} from '@stockpulse/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { inTransaction, isDuplicateKey, retryingLostRaces, type Tx } from '../db/transaction';
import { outboxCommitted } from '../outbox/notify';
import {
  CUSTOMER_AND_REPLAY_SQL,
  type CustomerAndReplayRow,
  ORDER_WITH_KEY_SQL,
  type OrderWithKeyRow,
  PRODUCTS_SQL,
  type ProductRow,
  RECORD_AND_COMMIT_ORDER_SQL,
  reserveParams,
  reserveSql,
} from './placement-sql';
import { getOrder, type OrderView } from './queries';
import { orderRequestHash } from './request-hash';

export interface PlaceOrder {
  customerId: number;
  customerName: string;
  /** Merged and sorted by product id (`placeOrderInput` in packages/shared does both). */
  items: OrderLineInput[];
  idempotencyKey: string;
  expectedTotalCents?: number;
  shippingAddress?: ShippingAddress;
}

export interface PlacedOrder {
  order: OrderView;
  /** True when this was a replay of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Places an order (DESIGN §4) in five statements for any number of lines
 * (placement-sql.ts): two reads that lock nothing (the address and any earlier order with
 * this key; the products' names, prices and whether they are sold), from which every
 * refusal but stock is decided; then one transaction of BEGIN, one conditional UPDATE
 * reserving every line (rows locked in product-id order) and one CALL that writes the
 * order, its lines, the ledger, the first status event and the outbox, and commits. The
 * stock rows are locked for one round trip only. A deadlock or lock timeout runs it all
 * again; any refusal leaves nothing behind.
 */
export async function placeOrder(db: Database, input: PlaceOrder): Promise<PlacedOrder> {
  const requestHash = orderRequestHash(input.items, input.shippingAddress);
  for (let attempt = 1; ; attempt++) {
    try {
      const placed = await retryingLostRaces(() => placeOnce(db.$client, input, requestHash));
      // An earlier order with this key: answered from what is committed, outside the
      // placement's transaction (which wrote nothing).
      if ('replayOf' in placed) return await replay(db, placed.replayOf, requestHash);
      outboxCommitted(db); // the CALL committed the order's outbox rows: wake the relays
      return placed;
    } catch (error) {
      if (error instanceof ShortStock) {
        // The stock may have gone to a request with this same key (50 identical requests
        // for the last unit): that order is this request's answer, never a stock error.
        const earlier = await orderWithKey(db.$client, input);
        if (earlier) return await replay(db, earlier, requestHash);
        const short = await shortLines(db, input.items);
        // Stock arrived between our UPDATE and this read: try again, a bounded number of times.
        if (short.length === 0 && attempt < 3) continue;
        throw new DomainError(
          'OUT_OF_STOCK',
          `Not enough stock: ${short.map((line) => `${line.name} (${line.available} left)`).join(', ')}`,
          { items: short },
        );
      }
      // A concurrent request with the same key committed first: answer as its replay.
      if (!isDuplicateKey(error)) throw error;
      return inTransaction(db, async (tx) => {
        const earlier = await findReplay(tx, input, requestHash);
        if (!earlier) throw error;
        return earlier;
      });
    }
  }
}

/** `CALL record_and_commit_order(…)`: the order's rows, then COMMIT; the order's id. */
async function recordAndCommit(
  connection: PoolConnection,
  rows: {
    input: PlaceOrder;
    requestHash: string;
    address: ShippingAddress;
    lines: { productId: number; quantity: number; unitPriceCents: number }[];
    totalCents: number;
    itemCount: number;
    at: Date;
    created: OrderSummary;
  },
): Promise<number> {
  const { input, address } = rows;
  const job = { name: JOBS.orders.process, jobId: '', data: { orderId: 0 } };
  const [sets] = await connection.query<RowDataPacket[][]>(RECORD_AND_COMMIT_ORDER_SQL, [
    input.customerId,
    rows.totalCents,
    rows.itemCount,
    address.name,
    address.line1,
    address.line2 ?? null,
    address.city,
    address.region ?? null,
    address.postalCode,
    address.country,
    input.idempotencyKey,
    rows.requestHash,
    rows.at,
    `customer:${input.customerId}`,
    JSON.stringify(rows.lines),
    JSON.stringify(rows.created),
    JSON.stringify(job),
    ORDER_JOB_ID_PREFIX,
  ]);
  const orderId = Number(sets[0]?.[0]?.order_id);
  if (!Number.isSafeInteger(orderId) || orderId < 1) throw new Error('the order was given no id');
  return orderId;
}

/** Thrown inside the placement transaction when a line could not be reserved. */
class ShortStock extends Error {}

/** The lines the stock cannot cover now, with what is left (a fresh read, after rollback). */
async function shortLines(db: Database, items: OrderLineInput[]) {
  const stock = await db
    .select({
      id: schema.products.id,
      name: schema.products.name,
      available: schema.inventory.available,
    })
    .from(schema.products)
    .innerJoin(schema.inventory, eq(schema.inventory.productId, schema.products.id))
    .where(
      inArray(
        schema.products.id,
        items.map((line) => line.productId),
      ),
    );
  const byId = new Map(stock.map((row) => [row.id, row]));
  return items
    .map((line) => ({
      productId: line.productId,
      name: byId.get(line.productId)?.name ?? `#${line.productId}`,
      requested: line.quantity,
      available: byId.get(line.productId)?.available ?? 0,
    }))
    .filter((line) => line.available < line.requested);
}

/** An earlier order with this key: its replay, or IDEMPOTENCY_KEY_REUSED if it differs. */
async function replay(
  db: Database | Tx,
  existing: { id: number; requestHash: string },
  requestHash: string,
): Promise<PlacedOrder> {
  if (existing.requestHash !== requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used for a different order',
      { orderId: existing.id },
    );
  }
  const order = await getOrder(db, existing.id);
  if (!order) throw new Error(`order ${existing.id} vanished`);
  return { order, replayed: true };
}

async function findReplay(
  tx: Tx,
  input: PlaceOrder,
  requestHash: string,
): Promise<PlacedOrder | null> {
  const [existing] = await tx
    .select({ id: schema.orders.id, requestHash: schema.orders.requestHash })
    .from(schema.orders)
    .where(
      and(
        eq(schema.orders.customerId, input.customerId),
        eq(schema.orders.idempotencyKey, input.idempotencyKey),
      ),
    );
  return existing ? replay(tx, existing, requestHash) : null;
}

/** This customer's order with this key, if one committed (waiting for one in flight). */
async function orderWithKey(
  pool: Pool,
  input: PlaceOrder,
): Promise<{ id: number; requestHash: string } | null> {
  // On its own pooled connection in autocommit: the shared lock lasts this one statement.
  const [[row]] = await retryingLostRaces(() =>
    pool.query<(OrderWithKeyRow & RowDataPacket)[]>(ORDER_WITH_KEY_SQL, [
      input.customerId,
      input.idempotencyKey,
    ]),
  );
  return row ? { id: row.id, requestHash: row.request_hash } : null;
}

function shippingAddressOf(input: PlaceOrder, profile: CustomerAndReplayRow | undefined) {
  if (input.shippingAddress) return input.shippingAddress;
  if (!profile?.address_line1 || !profile.city || !profile.postal_code || !profile.country) {
    throw new DomainError(
      'SHIPPING_ADDRESS_REQUIRED',
      'Add a shipping address to the order or to your account',
    );
  }
  return {
    name: input.customerName,
    line1: profile.address_line1,
    line2: profile.address_line2,
    city: profile.city,
    region: profile.region,
    postalCode: profile.postal_code,
    country: profile.country,
  } satisfies ShippingAddress;
}

/** One attempt on one pooled connection; a replay is only named (answered by the caller). */
async function placeOnce(
  pool: Pool,
  input: PlaceOrder,
  requestHash: string,
): Promise<PlacedOrder | { replayOf: { id: number; requestHash: string } }> {
  const connection = await pool.getConnection();
  try {
    return await placeOn(connection, input, requestHash);
  } finally {
    connection.release();
  }
}

async function placeOn(
  connection: PoolConnection,
  input: PlaceOrder,
  requestHash: string,
): Promise<PlacedOrder | { replayOf: { id: number; requestHash: string } }> {
  const [[profile]] = await connection.query<(CustomerAndReplayRow & RowDataPacket)[]>(
    CUSTOMER_AND_REPLAY_SQL,
    [input.idempotencyKey, input.customerId],
  );
  if (profile?.replay_id != null) {
    return { replayOf: { id: profile.replay_id, requestHash: profile.replay_hash ?? '' } };
  }
  const address = shippingAddressOf(input, profile);
  const { items } = input;
  const [products] = await connection.query<(ProductRow & RowDataPacket)[]>(PRODUCTS_SQL, [
    items.map((line) => line.productId),
  ]);
  const byId = new Map(products.map((product) => [product.id, product]));

  const unavailable = items.filter((line) => !byId.get(line.productId)?.active);
  if (unavailable.length > 0) {
    const names = unavailable.map((line) => byId.get(line.productId)?.name ?? `#${line.productId}`);
    throw new DomainError('PRODUCT_UNAVAILABLE', `No longer sold: ${names.join(', ')}`, {
      items: unavailable.map((line) => ({
        productId: line.productId,
        name: byId.get(line.productId)?.name ?? null,
      })),
    });
  }
  const lines = items.map((line) => ({
    ...line,
    unitPriceCents: byId.get(line.productId)!.price_cents,
  }));
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (totalCents > ORDER_LIMITS.maxTotalCents) {
    throw new DomainError('ORDER_TOO_LARGE', 'This order is larger than one order may be', {
      totalCents,
      maxTotalCents: ORDER_LIMITS.maxTotalCents,
    });
  }
  if (input.expectedTotalCents !== undefined && input.expectedTotalCents !== totalCents) {
    throw new DomainError('PRICE_CHANGED', 'Prices changed since you saw this order', {
      expectedTotalCents: input.expectedTotalCents,
      totalCents,
    });
  }

  const now = new Date();
  const summary: OrderSummary = {
    id: 0, // set by record_and_commit_order
    customerId: input.customerId,
    customerName: input.customerName,
    status: 'pending',
    totalCents,
    itemCount,
    createdAt: now.toISOString(),
  };
  // From here to the end of the CALL the products' stock rows are locked.
  await connection.query('BEGIN');
  try {
    const [reservation] = await connection.query<ResultSetHeader>(
      reserveSql(items.length),
      reserveParams(items),
    );
    if (reservation.affectedRows !== items.length) {
      // Some line could not be reserved. Which, and how much is left, is read after the
      // rollback: inside this transaction the lines that did reserve show our own hold.
      throw new ShortStock();
    }
    summary.id = await recordAndCommit(connection, {
      input,
      requestHash,
      address,
      lines,
      totalCents,
      itemCount,
      at: now,
      created: summary,
    });
  } catch (error) {
    // The CALL rolled back itself on its own errors; this covers everything before it. A
    // connection that cannot even roll back is broken: the pool must not lend it again.
    await connection.query('ROLLBACK').catch(() => connection.destroy());
    throw error;
  }

  const order: OrderView = {
    ...summary,
    cancelReason: null,
    updatedAt: now,
    createdAt: now,
    shippingAddress: address,
    lines: lines.map((line) => ({ ...line, name: byId.get(line.productId)!.name })),
  };
  return { order, replayed: false };
}
