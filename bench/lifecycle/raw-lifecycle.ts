/**
 * The raw baseline of an order's whole life: the placement transaction of
 * bench/checkout/raw-placement.ts (placement's own statements), then the payment transaction
 * — the minimal correct work of a payment: the status change guarded by the status it
 * leaves, its `order_events` row and its `outbox` row (`order:updated`), committed. No
 * queue, no relay, no worker: what the database must do for one order, paid.
 */
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import { type RawCustomer, type RawLine, rawPlace } from '../checkout/raw-placement';

const DEADLOCK = 1213;

/** Pays a pending order; false when it was not pending (nothing written). */
export async function rawPay(pool: Pool, orderId: number, customerId: number): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const c = await pool.getConnection();
    try {
      const now = new Date();
      await c.query('BEGIN');
      const [updated] = await c.query<ResultSetHeader>(
        "UPDATE orders SET status = 'paid', updated_at = ? WHERE id = ? AND status = 'pending'",
        [now, orderId],
      );
      if (updated.affectedRows !== 1) {
        await c.query('ROLLBACK');
        return false;
      }
      await c.query(
        `INSERT INTO order_events (order_id, from_status, to_status, actor, reason, created_at)
         VALUES (?, 'pending', 'paid', 'worker', NULL, ?)`,
        [orderId, now],
      );
      await c.query(
        "INSERT INTO outbox (kind, topic, payload) VALUES ('event', 'order:updated', ?)",
        [
          JSON.stringify({
            orderId,
            customerId,
            from: 'pending',
            status: 'paid',
            reason: null,
            at: now.toISOString(),
          }),
        ],
      );
      await c.query('COMMIT');
      return true;
    } catch (error) {
      await c.query('ROLLBACK').catch(() => c.destroy());
      if ((error as { errno?: number }).errno !== DEADLOCK || attempt >= 5) throw error;
    } finally {
      c.release();
    }
  }
}

/** One order placed and then paid, as one client does it. */
export async function rawPlaceAndPay(
  pool: Pool,
  customer: RawCustomer,
  items: RawLine[],
  idempotencyKey: string,
): Promise<void> {
  const orderId = await rawPlace(pool, customer, items, idempotencyKey);
  if (!(await rawPay(pool, orderId, customer.id))) {
    throw new Error(`raw order ${orderId} was not pending when paid`);
  }
}
