import { type SQL, sql } from 'drizzle-orm';

/**
 * The outer query's product id, spelt with its table: in a single-table select Drizzle
 * writes `products.id` as a bare `id`, which a subquery over a table with its own `id`
 * (variants) would take for its own.
 */
export const OUTER_PRODUCT_ID = sql.raw('`products`.`id`');

/** The locations whose stock is for sale online (DESIGN §11): active, fulfilling online. */
const ONLINE_LOCATIONS = sql`(SELECT l.id FROM locations l WHERE l.fulfils_online AND l.active)`;

/**
 * A product's available to sell: its variants' available summed over the online
 * locations. A correlated read of `inventory (product_id, location_id, available)` per
 * product on the page, never a scan.
 */
export const productAvailable: SQL<number> = sql<number>`(SELECT COALESCE(SUM(si.available), 0)
  FROM inventory si
  WHERE si.product_id = ${OUTER_PRODUCT_ID} AND si.location_id IN ${ONLINE_LOCATIONS})`.mapWith(
  Number,
);

/**
 * Whether any variant of the product can be bought now (the catalog's in-stock filter).
 * A scalar subquery, not EXISTS: MariaDB turns an EXISTS into a semi-join that
 * materializes every in-stock row of the shop (480 ms on the reference shop), where this
 * is one index probe per product the name walk passes.
 */
export const productInStock: SQL = sql`(SELECT si.variant_id FROM inventory si
  WHERE si.product_id = ${OUTER_PRODUCT_ID} AND si.location_id IN ${ONLINE_LOCATIONS}
    AND si.available > 0 LIMIT 1) IS NOT NULL`;
