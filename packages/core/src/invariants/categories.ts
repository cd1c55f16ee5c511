import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { Invariant, InvariantViolation } from './types';

/**
 * 11. Every product has a category record, and the name it carries (`products.category`,
 * what lists, events and the search read) is that record's name, to the byte: a category
 * rename rewrites the copies in its transaction (core/products/category-writes.ts).
 */
const MISMATCH_SQL = `SELECT p.id, p.category, p.category_id, c.name AS record
  FROM products AS p LEFT JOIN categories AS c ON c.id = p.category_id
  WHERE (c.id IS NULL OR BINARY p.category <> c.name)`;

const violations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 11,
    entity: 'product',
    entityId: Number(row.id),
    detail:
      row.record === null
        ? `category "${row.category}" has no category record (category_id ${row.category_id})`
        : `category "${row.category}" but its record ${row.category_id} is named "${row.record}"`,
  }));

export const productCategories: Invariant = {
  number: 11,
  name: 'products carry their category',
  full: async (query) => violations(await query(MISMATCH_SQL)),
  recent: async (query, scope) =>
    violations(
      // The products of the variants in scope (the stock or the orders of the window).
      await inBatches(scope.variantIds, (batch) =>
        query(
          `${MISMATCH_SQL} AND p.id IN (SELECT v.product_id FROM variants v WHERE v.id IN (?))`,
          [batch],
        ),
      ),
    ),
};
