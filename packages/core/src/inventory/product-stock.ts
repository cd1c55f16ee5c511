import { schema } from '@stockpulse/db';
import { type SQL, sql } from 'drizzle-orm';

const { products } = schema;

/** The locations whose stock is for sale online (DESIGN §11): active, fulfilling online. */
const ONLINE_LOCATIONS = sql`(SELECT l.id FROM locations l WHERE l.fulfils_online AND l.active)`;

/**
 * A product's available to sell: its variants' available summed over the online
 * locations. A correlated read of `inventory (product_id, location_id, available)` per
 * product on the page, never a scan.
 */
export const productAvailable: SQL<number> = sql<number>`(SELECT COALESCE(SUM(si.available), 0)
  FROM inventory si
  WHERE si.product_id = ${products.id} AND si.location_id IN ${ONLINE_LOCATIONS})`.mapWith(Number);

/** Whether any variant of the product can be bought now (the catalog's in-stock filter). */
export const productInStock: SQL = sql`EXISTS (SELECT 1 FROM inventory si
  WHERE si.product_id = ${products.id} AND si.location_id IN ${ONLINE_LOCATIONS}
    AND si.available > 0)`;
