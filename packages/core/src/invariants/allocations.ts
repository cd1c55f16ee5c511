import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import { stockViolation } from './stock';
import type { Invariant, InvariantViolation } from './types';

/**
 * 9. Every order line's allocations (DESIGN §11) add up to its quantity, and the line's
 * variant is of the line's product. One pass over the lines in primary-key order, each
 * joined to its own allocations through their primary key (order_detail_id, location_id).
 */
const LINES_SQL = (where: string) => `SELECT d.id, MAX(d.order_id) AS order_id,
    MAX(d.quantity) AS quantity, MAX(d.product_id) AS line_product,
    MAX(v.product_id) AS variant_product,
    CAST(COALESCE(SUM(a.quantity), 0) AS SIGNED) AS allocated
  FROM order_details d
  STRAIGHT_JOIN variants v ON v.id = d.variant_id
  LEFT JOIN order_allocations a ON a.order_detail_id = d.id
  ${where}
  GROUP BY d.id
  HAVING allocated <> quantity OR line_product <> variant_product`;

const lineViolations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 9,
    entity: 'order',
    entityId: Number(row.order_id),
    detail: `line ${row.id}: quantity=${row.quantity} allocated=${row.allocated} product=${row.line_product} variant's product=${row.variant_product}`,
  }));

export const allocations: Invariant = {
  number: 9,
  name: 'order lines are allocated in full',
  heavy: true,
  full: async (query) => lineViolations(await query(LINES_SQL(''))),
  recent: async (query, scope) =>
    lineViolations(
      await inBatches(scope.orderIds, (batch) =>
        query(LINES_SQL('WHERE d.order_id IN (?)'), [batch]),
      ),
    ),
};

/** 10. Every stock row names its variant's product (the copy the catalog reads). */
const ROW_PRODUCTS_SQL = `SELECT i.variant_id, i.location_id, i.product_id, v.product_id AS variant_product
  FROM inventory i STRAIGHT_JOIN variants v ON v.id = i.variant_id
  WHERE i.product_id <> v.product_id`;

const rowViolations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) =>
    stockViolation(
      10,
      { variantId: Number(row.variant_id), locationId: Number(row.location_id) },
      `product_id=${row.product_id} but the variant is of product ${row.variant_product}`,
    ),
  );

export const stockRowProducts: Invariant = {
  number: 10,
  name: 'stock rows name their variant’s product',
  full: async (query) => rowViolations(await query(ROW_PRODUCTS_SQL)),
  recent: async (query, scope) =>
    rowViolations(
      await inBatches(scope.variantIds, (batch) =>
        query(`${ROW_PRODUCTS_SQL} AND i.variant_id IN (?)`, [batch]),
      ),
    ),
};
