import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { Invariant, InvariantViolation } from './types';

/**
 * 20. Every order line's shipped and cancelled units (DESIGN §12) are those of its
 * allocations: shipped_quantity = Σ allocations' shipped_quantity, and the same for
 * cancelled_quantity (each allocation's own bound, shipped + cancelled ≤ quantity, is a
 * CHECK). One pass over the lines, as invariant 9 reads them; recent mode reads the lines
 * of the orders in scope.
 */
const LINE_SUMS_SQL = (where: string) => `SELECT d.id, MAX(d.order_id) AS order_id,
    MAX(d.shipped_quantity) AS shipped, MAX(d.cancelled_quantity) AS cancelled,
    CAST(COALESCE(SUM(a.shipped_quantity), 0) AS SIGNED) AS allocations_shipped,
    CAST(COALESCE(SUM(a.cancelled_quantity), 0) AS SIGNED) AS allocations_cancelled
  FROM order_details d
  LEFT JOIN order_allocations a ON a.order_detail_id = d.id
  ${where}
  GROUP BY d.id
  HAVING shipped <> allocations_shipped OR cancelled <> allocations_cancelled`;

const lineViolations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 20,
    entity: 'order',
    entityId: Number(row.order_id),
    detail: `line ${row.id}: shipped=${row.shipped} (allocations ${row.allocations_shipped}) cancelled=${row.cancelled} (allocations ${row.allocations_cancelled})`,
  }));

export const lineFulfilment: Invariant = {
  number: 20,
  name: 'lines’ shipped and cancelled units are their allocations’',
  heavy: true,
  full: async (query) => lineViolations(await query(LINE_SUMS_SQL(''))),
  recent: async (query, scope) =>
    lineViolations(
      await inBatches(scope.orderIds, (batch) =>
        query(LINE_SUMS_SQL('WHERE d.order_id IN (?)'), [batch]),
      ),
    ),
};

/**
 * 21. Shipments add up (DESIGN §12). (a) A line with shipment lines has shipped exactly
 * their sum. Orders shipped before shipments existed (migration 0016, the seed's history)
 * have no shipment rows and keep shipped_quantity as it was: a line without shipment rows
 * is not held to it. (b) Each shipment's ledger rows (ref 'shipment') are, per variant, at
 * the shipment's location, on_hand and reserved each −Σ its lines of that variant, and
 * there are none elsewhere. Both read shipments from their orders (recent mode: the
 * orders in scope) or all of them, through shipment_lines_detail_idx and
 * stock_movements_ref_idx: what the shipments cost, not the order history.
 */
const SHIPPED_SQL = (from: string) => `SELECT d.id, MAX(d.order_id) AS order_id,
    MAX(d.shipped_quantity) AS shipped, CAST(SUM(sl.quantity) AS SIGNED) AS in_shipments
  ${from}
  GROUP BY d.id
  HAVING shipped <> in_shipments`;

const EXPECTED_SQL = (where: string) => `SELECT s.id, s.order_id, s.location_id, d.variant_id,
    CAST(SUM(sl.quantity) AS SIGNED) AS quantity
  FROM shipments s
  STRAIGHT_JOIN shipment_lines sl ON sl.shipment_id = s.id
  STRAIGHT_JOIN order_details d ON d.id = sl.order_detail_id
  ${where}
  GROUP BY s.id, s.order_id, s.location_id, d.variant_id`;

const LEDGER_SQL = (where: string) => `SELECT m.ref_id AS id, m.location_id, m.variant_id,
    CAST(SUM(m.delta_on_hand) AS SIGNED) AS on_hand,
    CAST(SUM(m.delta_reserved) AS SIGNED) AS reserved
  FROM stock_movements m FORCE INDEX (stock_movements_ref_idx)
  WHERE m.ref_type = 'shipment' ${where}
  GROUP BY m.ref_id, m.location_id, m.variant_id`;

function compareShipments(
  shipped: RowDataPacket[],
  expected: RowDataPacket[],
  ledger: RowDataPacket[],
): InvariantViolation[] {
  const violations: InvariantViolation[] = shipped.map((row) => ({
    invariant: 21,
    entity: 'order',
    entityId: Number(row.order_id),
    detail: `line ${row.id}: shipped=${row.shipped} but its shipment lines add up to ${row.in_shipments}`,
  }));
  const key = (row: RowDataPacket) => `${row.id}:${row.variant_id}:${row.location_id}`;
  const sums = new Map(ledger.map((row) => [key(row), row]));
  const orderOf = new Map(expected.map((row) => [Number(row.id), Number(row.order_id)]));
  for (const row of expected) {
    const sum = sums.get(key(row));
    sums.delete(key(row));
    const want = -Number(row.quantity);
    const onHand = Number(sum?.on_hand ?? 0);
    const reserved = Number(sum?.reserved ?? 0);
    if (onHand !== want || reserved !== want) {
      violations.push({
        invariant: 21,
        entity: 'order',
        entityId: Number(row.order_id),
        detail: `shipment ${row.id}, variant ${row.variant_id} at location ${row.location_id}: lines ${row.quantity}, ledger on_hand ${onHand} reserved ${reserved}`,
      });
    }
  }
  for (const row of sums.values()) {
    violations.push({
      invariant: 21,
      entity: 'order',
      entityId: orderOf.get(Number(row.id)) ?? 0,
      detail: `shipment ${row.id}: ledger rows for variant ${row.variant_id} at location ${row.location_id} that none of its lines explain`,
    });
  }
  return violations;
}

export const shipmentTotals: Invariant = {
  number: 21,
  name: 'shipments add up to their lines and their ledger rows',
  full: async (query) =>
    compareShipments(
      await query(
        SHIPPED_SQL(
          'FROM shipment_lines sl STRAIGHT_JOIN order_details d ON d.id = sl.order_detail_id',
        ),
      ),
      await query(EXPECTED_SQL('')),
      await query(LEDGER_SQL('')),
    ),
  recent: async (query, scope) => {
    const shipped = await inBatches(scope.orderIds, (batch) =>
      query(
        SHIPPED_SQL(`FROM order_details d
          STRAIGHT_JOIN shipment_lines sl ON sl.order_detail_id = d.id
          WHERE d.order_id IN (?)`),
        [batch],
      ),
    );
    const expected = await inBatches(scope.orderIds, (batch) =>
      query(EXPECTED_SQL('WHERE s.order_id IN (?)'), [batch]),
    );
    const shipmentIds = [...new Set(expected.map((row) => Number(row.id)))];
    const ledger = await inBatches(shipmentIds, (batch) =>
      query(LEDGER_SQL('AND m.ref_id IN (?)'), [batch]),
    );
    return compareShipments(shipped, expected, ledger);
  },
};
