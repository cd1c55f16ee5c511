import type { RowDataPacket } from 'mysql2/promise';
import { distinctIds, inBatches } from './batches';
import type { Invariant, InvariantViolation, Query, RecentScope } from './types';

/**
 * Returns (DESIGN §12). 30: a line never has more returned than shipped (also the
 * table's CHECK). 31: a line's `returned_quantity` is what its return lines received
 * (restocked + damaged). 32: each return's ledger rows (ref_type 'return') are its
 * received units: on hand + every unit, damaged + the damaged ones, `return_restock` for
 * the restocked and `return_damaged` for the damaged, nothing else moved.
 *
 * Full mode reads the lines with returned units (one pass over `order_details`), the
 * return lines (a small table) and the return ledger rows through `stock_movements
 * (ref_type, ref_id)`. Recent mode reads only the returns received in the window (their
 * ledger rows are in the window's suffix of `stock_movements`) and those of the orders
 * that moved, through their primary keys and `returns (order_id)`.
 */

const violation = (invariant: number, orderId: number, detail: string): InvariantViolation => ({
  invariant,
  entity: 'order',
  entityId: orderId,
  detail,
});

const LINES_SQL = `SELECT d.id, d.order_id, d.shipped_quantity, d.returned_quantity
  FROM order_details d`;
const RECEIVED_SQL = `SELECT rl.order_detail_id AS id, MAX(r.order_id) AS order_id,
    CAST(SUM(rl.restocked_quantity + rl.damaged_quantity) AS SIGNED) AS received
  FROM return_lines rl STRAIGHT_JOIN returns r ON r.id = rl.return_id`;
const PER_RETURN_SQL = `SELECT r.id, r.order_id,
    CAST(COALESCE(SUM(rl.restocked_quantity), 0) AS SIGNED) AS restocked,
    CAST(COALESCE(SUM(rl.damaged_quantity), 0) AS SIGNED) AS damaged
  FROM returns r LEFT JOIN return_lines rl ON rl.return_id = r.id`;
const LEDGER_SQL = `SELECT ref_id AS id,
    CAST(SUM(CASE WHEN reason = 'return_restock' THEN delta_on_hand ELSE 0 END) AS SIGNED) AS restock_on_hand,
    CAST(SUM(CASE WHEN reason = 'return_damaged' THEN delta_on_hand ELSE 0 END) AS SIGNED) AS damaged_on_hand,
    CAST(SUM(CASE WHEN reason = 'return_damaged' THEN delta_damaged ELSE 0 END) AS SIGNED) AS damaged,
    CAST(SUM(CASE WHEN reason = 'return_restock' THEN delta_damaged ELSE 0 END)
       + SUM(CASE WHEN reason NOT IN ('return_restock', 'return_damaged') THEN ABS(delta_on_hand) + ABS(delta_damaged) ELSE 0 END)
       + SUM(ABS(delta_reserved) + ABS(delta_incoming) + ABS(delta_quality_control) + ABS(delta_safety_stock)) AS SIGNED) AS other
  FROM stock_movements WHERE ref_type = 'return'`;

function lineViolations(lines: RowDataPacket[], received: RowDataPacket[]) {
  const out: InvariantViolation[] = [];
  const got = new Map(received.map((r) => [Number(r.id), r]));
  const seen = new Set<number>();
  for (const line of lines) {
    const id = Number(line.id);
    seen.add(id);
    const returned = Number(line.returned_quantity);
    const shipped = Number(line.shipped_quantity);
    const back = Number(got.get(id)?.received ?? 0);
    if (returned > shipped) {
      out.push(
        violation(30, Number(line.order_id), `line ${id}: returned=${returned} shipped=${shipped}`),
      );
    }
    if (returned !== back) {
      out.push(
        violation(
          31,
          Number(line.order_id),
          `line ${id}: returned=${returned} received back=${back}`,
        ),
      );
    }
  }
  for (const [id, row] of got) {
    if (!seen.has(id) && Number(row.received) !== 0) {
      out.push(
        violation(31, Number(row.order_id), `line ${id}: returned=0 received back=${row.received}`),
      );
    }
  }
  return out;
}

function ledgerViolations(returns: RowDataPacket[], ledger: RowDataPacket[]) {
  const out: InvariantViolation[] = [];
  const byReturn = new Map(ledger.map((r) => [Number(r.id), r]));
  const known = new Set<number>();
  for (const ret of returns) {
    const id = Number(ret.id);
    known.add(id);
    const l = byReturn.get(id);
    const have = [l?.restock_on_hand, l?.damaged_on_hand, l?.damaged, l?.other].map((v) =>
      Number(v ?? 0),
    );
    const want = [Number(ret.restocked), Number(ret.damaged), Number(ret.damaged), 0];
    if (have.some((v, i) => v !== want[i])) {
      out.push(
        violation(
          32,
          Number(ret.order_id),
          `return ${id}: ledger restock/damaged on hand/damaged/other=${have.join('/')} received ${want.join('/')}`,
        ),
      );
    }
  }
  for (const [id] of byReturn) {
    if (!known.has(id))
      out.push(violation(32, 0, `ledger rows of return ${id}, which does not exist`));
  }
  return out;
}

/** The returns a recent check covers: received in the window, or of an order that moved. */
async function recentReturnIds(query: Query, scope: RecentScope) {
  const received = await query(
    `SELECT DISTINCT ref_id AS id FROM stock_movements WHERE id >= ? AND ref_type = 'return'`,
    [scope.firstIds.stockMovements],
  );
  const ofOrders = await inBatches(scope.orderIds, (batch) =>
    query('SELECT id FROM returns WHERE order_id IN (?)', [batch]),
  );
  return distinctIds(
    received.map((r) => Number(r.id)),
    ofOrders.map((r) => Number(r.id)),
  );
}

/** The lines a recent check covers: of the orders that moved, and of the returns received. */
async function recentLines(query: Query, scope: RecentScope) {
  const returnIds = await recentReturnIds(query, scope);
  const orders = await inBatches(returnIds, (batch) =>
    query('SELECT DISTINCT order_id AS id FROM returns WHERE id IN (?)', [batch]),
  );
  const orderIds = distinctIds(
    scope.orderIds,
    orders.map((r) => Number(r.id)),
  );
  const lines = await inBatches(orderIds, (batch) =>
    query(`${LINES_SQL} WHERE d.order_id IN (?)`, [batch]),
  );
  const received = await inBatches(
    lines.map((l) => Number(l.id)),
    (batch) =>
      query(`${RECEIVED_SQL} WHERE rl.order_detail_id IN (?) GROUP BY rl.order_detail_id`, [batch]),
  );
  return { lines, received };
}

const only = (n: number, found: InvariantViolation[]) => found.filter((v) => v.invariant === n);

export const returnedWithinShipped: Invariant = {
  number: 30,
  name: 'no line has more returned than shipped',
  heavy: true,
  full: async (query) =>
    lineViolations(
      await query(`${LINES_SQL} WHERE d.returned_quantity > d.shipped_quantity`),
      [],
    ).filter((v) => v.invariant === 30),
  recent: async (query, scope) => {
    const { lines, received } = await recentLines(query, scope);
    return only(30, lineViolations(lines, received));
  },
};

export const returnedIsReceived: Invariant = {
  number: 31,
  name: 'a line’s returned units are what its returns received',
  heavy: true,
  full: async (query) =>
    only(
      31,
      lineViolations(
        await query(`${LINES_SQL} WHERE d.returned_quantity > 0`),
        await query(`${RECEIVED_SQL} GROUP BY rl.order_detail_id`),
      ),
    ),
  recent: async (query, scope) => {
    const { lines, received } = await recentLines(query, scope);
    return only(31, lineViolations(lines, received));
  },
};

export const returnLedger: Invariant = {
  number: 32,
  name: 'each return’s ledger rows are its received units',
  full: async (query) =>
    ledgerViolations(
      await query(`${PER_RETURN_SQL} GROUP BY r.id`),
      await query(`${LEDGER_SQL} GROUP BY ref_id`),
    ),
  recent: async (query, scope) => {
    const ids = await recentReturnIds(query, scope);
    return ledgerViolations(
      await inBatches(ids, (batch) =>
        query(`${PER_RETURN_SQL} WHERE r.id IN (?) GROUP BY r.id`, [batch]),
      ),
      await inBatches(ids, (batch) =>
        query(`${LEDGER_SQL} AND ref_id IN (?) GROUP BY ref_id`, [batch]),
      ),
    );
  },
};
