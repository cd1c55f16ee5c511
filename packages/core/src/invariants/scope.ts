import { distinctIds, inBatches } from './batches';
import type { Query, RecentScope } from './types';

/** The append-only tables a recent check starts from, each with `id` and `created_at`. */
type LogTable = 'orders' | 'order_events' | 'stock_movements';

/**
 * The first id of `table` written at or after `since`, or one past the last id if none
 * was. Ids are assigned in insertion order, so the rows of the window are a suffix of the
 * primary key: this gallops back from the end (1, 2, 4, … rows) to a row older than
 * `since`, then bisects, one primary-key seek per probe (about 2·log2 of the window's
 * rows, so a few dozen). No index on `created_at` is needed.
 *
 * It assumes `created_at` grows with the id, which holds for rows written live (each is
 * stamped when its transaction runs); the seed's backdated history holds it only roughly,
 * which moves the edge of the window by a few rows at most.
 */
export async function firstIdSince(query: Query, table: LogTable, since: Date): Promise<number> {
  const [last] = await query(`SELECT id, created_at FROM ${table} ORDER BY id DESC LIMIT 1`);
  if (!last) return 1;
  const lastId = Number(last.id);
  if (last.created_at < since) return lastId + 1;
  /** Whether the first row at or after `id` is in the window (`since` or later). */
  const inWindow = async (id: number) => {
    const [row] = await query(`SELECT created_at FROM ${table} WHERE id >= ? ORDER BY id LIMIT 1`, [
      id,
    ]);
    return row!.created_at >= since;
  };
  // Gallop: `high` is in the window; find a `low` that is not (0 stands for "before it all").
  let high = lastId;
  let low = 0;
  for (let step = 1; high - step >= 1; step *= 2) {
    if (await inWindow(high - step)) high -= step;
    else {
      low = high - step;
      break;
    }
  }
  // Bisect (low, high]: the smallest id whose first row at or after it is in the window.
  let from = low + 1;
  while (from < high) {
    const middle = Math.floor((from + high) / 2);
    if (await inWindow(middle)) high = middle;
    else from = middle + 1;
  }
  const [first] = await query(`SELECT id FROM ${table} WHERE id >= ? ORDER BY id LIMIT 1`, [high]);
  return Number(first!.id);
}

/**
 * What a recent check covers (RecentScope): the products whose ledger moved since `since`
 * and the orders placed, moved, shipped or with lines cancelled since then, with the products on those orders' lines (a
 * status change changes what their stock should be, ledger row or not).
 */
export async function recentScope(query: Query, since: Date): Promise<RecentScope> {
  const firstIds = {
    orders: await firstIdSince(query, 'orders', since),
    orderEvents: await firstIdSince(query, 'order_events', since),
    stockMovements: await firstIdSince(query, 'stock_movements', since),
  };
  const ids = async (text: string, from: number) =>
    (await query(text, [from])).map((row) => Number(row.id));
  const orderIds = distinctIds(
    await ids('SELECT id FROM orders WHERE id >= ?', firstIds.orders),
    await ids(
      'SELECT DISTINCT order_id AS id FROM order_events WHERE id >= ?',
      firstIds.orderEvents,
    ),
    // Shipping or cancelling some lines moves stock but not always the status (DESIGN §12):
    // the orders of the window's ledger rows that refer to an order or a shipment.
    await ids(
      `SELECT DISTINCT IF(m.ref_type = 'order', m.ref_id, s.order_id) AS id
        FROM stock_movements m
        LEFT JOIN shipments s ON m.ref_type = 'shipment' AND s.id = m.ref_id
        WHERE m.id >= ? AND m.ref_type IN ('order', 'shipment')
        HAVING id IS NOT NULL`,
      firstIds.stockMovements,
    ),
  );
  const linesOf = await inBatches(orderIds, (batch) =>
    query('SELECT DISTINCT variant_id AS id FROM order_details WHERE order_id IN (?)', [batch]),
  );
  const variantIds = distinctIds(
    await ids(
      'SELECT DISTINCT variant_id AS id FROM stock_movements WHERE id >= ?',
      firstIds.stockMovements,
    ),
    linesOf.map((row) => Number(row.id)),
  );
  return { since, firstIds, variantIds, orderIds };
}
