import { type Database, poolOf } from '@stockpulse/db';
import { DomainError, JOBS, ORDER_JOB_ID_PREFIX } from '@stockpulse/shared';
import type { Pool } from 'mysql2/promise';
import { retryingLostRaces } from '../../db/transaction';
import { outboxCommitted } from '../../outbox/notify';
import { getOrder, type OrderView } from '../queries';
import { orderRequestHash } from '../request-hash';
import {
  DEFAULT_PLACEMENT_PAYMENT,
  decidePlacement,
  type EarlierOrder,
  keyReused,
  outOfStock,
  type PlacementPlan,
  type PlaceOrder,
  placedOrderView,
  planReservation,
  type ShortLine,
  shippingAddressOf,
  shortLines,
  stockByVariant,
} from './decide';
import {
  lockStock,
  readAvailable,
  readCustomerAndReplay,
  readOrderWithKey,
  readVariants,
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
  /**
   * Some line could not be reserved (rolled back): which is for the caller, unless the
   * attempt read the stock locked and so knows (`short`).
   */
  | { kind: 'short'; plan: PlacementPlan; short?: ShortLine[] }
  /** A request with this key committed first (the CALL hit the unique key; rolled back). */
  | { kind: 'key-taken' }
  /** A refusal decided before anything was written. */
  | { kind: 'refused'; error: DomainError };

/**
 * Attempts at a placement whose stock read finds nothing short (stock arrived, or moved
 * between locations, meanwhile). The last one allocates from rows it locked, so it cannot
 * lose the race again.
 */
const SHORT_ATTEMPTS = 3;

/**
 * Places an order (DESIGN §4, §11) in five statements for any number of lines
 * (statements.ts): two reads that lock nothing (the address and any earlier order with
 * this key; the variants' names, prices, whether they are sold and each online location's
 * stock), from which every refusal but stock is decided and each line allocated to
 * locations (decide.ts, allocate.ts); then one transaction of BEGIN, one conditional
 * UPDATE reserving every allocation (rows locked in (variant, location) order), which
 * refuses if any row has less than its allocation now, and one CALL that writes the
 * order, its lines and allocations, the ledger, the first status event and the outbox,
 * and commits. The stock rows are locked for one round trip only. A lost race (the
 * snapshot's allocation no longer fits) runs it again; the last attempt allocates from
 * rows it locks first. A deadlock or lock timeout runs it all again; any refusal leaves
 * nothing behind.
 */
export async function placeOrder(db: Database, input: PlaceOrder): Promise<PlacedOrder> {
  const requestHash = orderRequestHash(input.items, input.shippingAddress);
  for (let attempt = 1; ; attempt++) {
    const locked = attempt === SHORT_ATTEMPTS;
    const outcome = await retryingLostRaces(() =>
      attemptOnce(poolOf(db), input, requestHash, locked),
    );
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
        if (outcome.short) throw outOfStock(outcome.short);
        const lines = outcome.plan.lines;
        const short = shortLines(
          lines,
          await readAvailable(
            db,
            lines.map((line) => line.variantId),
          ),
        );
        // Stock arrived, or moved, between our read and this one: try again.
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

/** One attempt on one pooled connection; `locked`, allocating from rows it locks first. */
async function attemptOnce(
  pool: Pool,
  input: PlaceOrder,
  requestHash: string,
  locked: boolean,
): Promise<Attempt> {
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
    const variants = await readVariants(connection, input.items);
    const plan = decidePlacement(input, address, variants, new Date());
    if (plan instanceof DomainError) return { kind: 'refused', error: plan };
    let reservation = locked ? null : planReservation(plan, stockByVariant(variants));
    if (!locked && !reservation) return { kind: 'short', plan };

    // From here to the end of the CALL the variants' stock rows are locked.
    await connection.query('BEGIN');
    try {
      if (locked) {
        const stock = await lockStock(
          connection,
          variants.filter((variant) =>
            plan.lines.some((line) => line.variantId === variant.variantId),
          ),
        );
        reservation = planReservation(plan, stock);
        if (!reservation) {
          const available = new Map(
            [...stock].map(([variantId, rows]) => [
              variantId,
              rows.reduce((sum, row) => sum + row.available, 0),
            ]),
          );
          await rollback(connection);
          return { kind: 'short', plan, short: shortLines(plan.lines, available) };
        }
      }
      if (!reservation || !(await reserve(connection, reservation.deltas))) {
        // Which line, and how much is left, is read after the rollback: inside this
        // transaction the lines that did reserve show our own hold.
        await rollback(connection);
        return { kind: 'short', plan };
      }
      const allocations = reservation.allocations;
      const recorded = await recordAndCommitOrder(connection, {
        customerId: input.customerId,
        totalCents: plan.totalCents,
        itemCount: plan.itemCount,
        shippingAddress: plan.address,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        at: plan.at,
        actor: plan.actor,
        lines: plan.lines.map((line, i) => ({ ...line, allocations: allocations[i]! })),
        ledger: reservation.ledger,
        created: plan.created,
        jobName: JOBS.orders.process,
        jobIdPrefix: ORDER_JOB_ID_PREFIX,
        payment: input.payment ?? DEFAULT_PLACEMENT_PAYMENT,
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
