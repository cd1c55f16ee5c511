import { type Database, poolOf } from '@stockpulse/db';
import { DomainError, JOBS, ORDER_JOB_ID_PREFIX } from '@stockpulse/shared';
import type { Pool } from 'mysql2/promise';
import { retryingLostRaces } from '../../db/transaction';
import { outboxCommitted } from '../../outbox/notify';
import { getOrder, type OrderView } from '../queries';
import { orderRequestHash } from '../request-hash';
import {
  decidePlacement,
  type EarlierOrder,
  keyReused,
  outOfStock,
  type PlaceOrder,
  placedOrderView,
  shippingAddressOf,
  shortLines,
} from './decide';
import {
  readAvailable,
  readCustomerAndReplay,
  readOrderWithKey,
  readProducts,
  recordAndCommitOrder,
  reserve,
  rollback,
} from './statements';

export interface PlacedOrder {
  order: OrderView;
  /** True when this was a replay of an earlier request with the same key. */
  replayed: boolean;
}

/** How one attempt at a placement ended. */
type Attempt =
  /** Committed: the order as recorded. */
  | { kind: 'placed'; order: OrderView }
  /** The first read found an order with this key: it answers (nothing was written). */
  | { kind: 'replay'; of: EarlierOrder }
  /** Some line could not be reserved (rolled back): which, and why, is for the caller. */
  | { kind: 'short' }
  /** A request with this key committed first (the CALL hit the unique key; rolled back). */
  | { kind: 'key-taken' }
  /** A refusal decided before anything was written. */
  | { kind: 'refused'; error: DomainError };

/** Attempts at a placement whose stock read finds nothing short (stock arrived meanwhile). */
const SHORT_ATTEMPTS = 3;

/**
 * Places an order (DESIGN §4) in five statements for any number of lines
 * (statements.ts): two reads that lock nothing (the address and any earlier order with
 * this key; the products' names, prices and whether they are sold), from which every
 * refusal but stock is decided (decide.ts); then one transaction of BEGIN, one conditional
 * UPDATE reserving every line (rows locked in product-id order) and one CALL that writes
 * the order, its lines, the ledger, the first status event and the outbox, and commits.
 * The stock rows are locked for one round trip only. A deadlock or lock timeout runs it
 * all again; any refusal leaves nothing behind.
 */
export async function placeOrder(db: Database, input: PlaceOrder): Promise<PlacedOrder> {
  const requestHash = orderRequestHash(input.items, input.shippingAddress);
  for (let attempt = 1; ; attempt++) {
    const outcome = await retryingLostRaces(() => attemptOnce(poolOf(db), input, requestHash));
    switch (outcome.kind) {
      case 'placed':
        outboxCommitted(db); // the CALL committed the order's outbox rows: wake the relays
        return { order: outcome.order, replayed: false };
      case 'refused':
        throw outcome.error;
      case 'replay':
        // Answered from what is committed, outside the attempt (which wrote nothing).
        return replay(db, outcome.of, requestHash);
      case 'key-taken': {
        const earlier = await readOrderWithKey(poolOf(db), input.customerId, input.idempotencyKey);
        if (!earlier) throw new Error('the idempotency key is taken by an order that is not there');
        return replay(db, earlier, requestHash);
      }
      case 'short': {
        // The stock may have gone to a request with this same key (50 identical requests
        // for the last unit): that order is this request's answer, never a stock error.
        const earlier = await readOrderWithKey(poolOf(db), input.customerId, input.idempotencyKey);
        if (earlier) return replay(db, earlier, requestHash);
        const short = shortLines(
          input.items,
          await readAvailable(
            db,
            input.items.map((line) => line.productId),
          ),
        );
        // Stock arrived between our UPDATE and this read: try again, a bounded number of times.
        if (short.length === 0 && attempt < SHORT_ATTEMPTS) continue;
        throw outOfStock(short);
      }
    }
  }
}

/** An earlier order with this key: its replay, or IDEMPOTENCY_KEY_REUSED if it differs. */
async function replay(
  db: Database,
  earlier: EarlierOrder,
  requestHash: string,
): Promise<PlacedOrder> {
  const refusal = keyReused(earlier, requestHash);
  if (refusal) throw refusal;
  const order = await getOrder(db, earlier.id);
  if (!order) throw new Error(`order ${earlier.id} vanished`);
  return { order, replayed: true };
}

/** One attempt on one pooled connection. */
async function attemptOnce(pool: Pool, input: PlaceOrder, requestHash: string): Promise<Attempt> {
  const connection = await pool.getConnection();
  try {
    const { saved, earlier } = await readCustomerAndReplay(
      connection,
      input.customerId,
      input.idempotencyKey,
    );
    if (earlier) return { kind: 'replay', of: earlier };
    const address = shippingAddressOf(input, saved);
    if (address instanceof DomainError) return { kind: 'refused', error: address };
    const products = await readProducts(
      connection,
      input.items.map((line) => line.productId),
    );
    const plan = decidePlacement(input, address, products, new Date());
    if (plan instanceof DomainError) return { kind: 'refused', error: plan };

    // From here to the end of the CALL the products' stock rows are locked.
    await connection.query('BEGIN');
    try {
      if (!(await reserve(connection, plan.reservation))) {
        // Which line, and how much is left, is read after the rollback: inside this
        // transaction the lines that did reserve show our own hold.
        await rollback(connection);
        return { kind: 'short' };
      }
      const recorded = await recordAndCommitOrder(connection, {
        customerId: input.customerId,
        totalCents: plan.totalCents,
        itemCount: plan.itemCount,
        shippingAddress: plan.address,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        at: plan.at,
        actor: plan.actor,
        lines: plan.lines,
        ledger: plan.ledger,
        created: plan.created,
        jobName: JOBS.orders.process,
        jobIdPrefix: ORDER_JOB_ID_PREFIX,
      });
      if (recorded.kind === 'key-taken') {
        await rollback(connection);
        return recorded;
      }
      return { kind: 'placed', order: placedOrderView(plan, recorded.orderId) };
    } catch (error) {
      // The CALL rolled back itself on its own errors; this covers everything before it.
      await rollback(connection);
      throw error;
    }
  } finally {
    connection.release();
  }
}
