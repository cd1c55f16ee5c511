-- Custom migration: what drizzle-kit cannot express.
-- Every statement runs on MySQL 8 and MariaDB 10.11: no DELIMITER, no CREATE OR REPLACE
-- PROCEDURE, no RETURNING; recursive CTE depth limits differ, so none is used.

-- Word search over the catalog (catalog.list search). drizzle-kit has no FULLTEXT index.
CREATE FULLTEXT INDEX `products_search_ft` ON `products` (`name`, `description`);
--> statement-breakpoint

-- sales_report(from, to, bucket, top): the admin console's sales data, in UTC.
-- Revenue counts orders in paid, shipped and delivered, placed in [from, to).
-- Result sets, in order:
--   1. series:       bucket_start, orders, revenue_cents, units   (non-empty buckets only;
--                    the API fills the gaps, since MySQL caps recursive CTEs at 1,000 rows)
--   2. totals:       orders, revenue_cents, units, average_order_cents, cancelled_orders
--   3. top products: product_id, sku, name, units, revenue_cents  (by revenue, then id)
DROP PROCEDURE IF EXISTS `sales_report`;
--> statement-breakpoint
CREATE PROCEDURE `sales_report`(
  IN p_from DATETIME(3),
  IN p_to DATETIME(3),
  IN p_bucket VARCHAR(8),
  IN p_top INT
)
READS SQL DATA
SQL SECURITY INVOKER
BEGIN
  IF p_bucket IS NULL OR p_bucket NOT IN ('hour', 'day') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sales_report: bucket must be hour or day';
  END IF;
  IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sales_report: from must be before to';
  END IF;
  IF p_top IS NULL OR p_top < 0 OR p_top > 1000 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sales_report: top must be between 0 and 1000';
  END IF;

  SELECT
    CASE
      WHEN p_bucket = 'hour' THEN TIMESTAMP(DATE(o.created_at), MAKETIME(HOUR(o.created_at), 0, 0))
      ELSE TIMESTAMP(DATE(o.created_at))
    END AS bucket_start,
    COUNT(*) AS orders,
    CAST(SUM(o.total_cents) AS SIGNED) AS revenue_cents,
    CAST(SUM(o.item_count) AS SIGNED) AS units
  FROM orders o
  WHERE o.status IN ('paid', 'shipped', 'delivered')
    AND o.created_at >= p_from AND o.created_at < p_to
  GROUP BY bucket_start
  ORDER BY bucket_start;

  SELECT
    COUNT(*) AS orders,
    CAST(COALESCE(SUM(o.total_cents), 0) AS SIGNED) AS revenue_cents,
    CAST(COALESCE(SUM(o.item_count), 0) AS SIGNED) AS units,
    CAST(COALESCE(ROUND(AVG(o.total_cents)), 0) AS SIGNED) AS average_order_cents,
    (
      SELECT COUNT(*) FROM orders c
      WHERE c.status = 'cancelled' AND c.created_at >= p_from AND c.created_at < p_to
    ) AS cancelled_orders
  FROM orders o
  WHERE o.status IN ('paid', 'shipped', 'delivered')
    AND o.created_at >= p_from AND o.created_at < p_to;

  SELECT
    d.product_id,
    p.sku,
    p.name,
    CAST(SUM(d.quantity) AS SIGNED) AS units,
    CAST(SUM(d.quantity * d.unit_price_cents) AS SIGNED) AS revenue_cents
  FROM orders o
  JOIN order_details d ON d.order_id = o.id
  JOIN products p ON p.id = d.product_id
  WHERE o.status IN ('paid', 'shipped', 'delivered')
    AND o.created_at >= p_from AND o.created_at < p_to
  GROUP BY d.product_id, p.sku, p.name
  ORDER BY revenue_cents DESC, d.product_id
  LIMIT p_top;
END;
--> statement-breakpoint

-- inventory_check(): the reconciliation of DESIGN §4. One result set, one row per
-- violation (empty means every invariant holds): invariant, entity, entity_id, detail.
--   1. 0 <= reserved <= on_hand, incoming >= 0
--   2. on_hand, reserved and incoming equal the sums of the product's ledger
--   3. reserved equals the quantities of the product's lines in pending and paid orders
--   4. incoming equals the quantities of the product's open restocks
--   5. an order's total and item count equal the sums of its lines (and it has lines)
--   6. every order's status history chains from NULL, each event starting where the last
--      ended, and the last one matches orders.status
--   7. no outbox row stays unpublished for more than 5 seconds
DROP PROCEDURE IF EXISTS `inventory_check`;
--> statement-breakpoint
CREATE PROCEDURE `inventory_check`()
READS SQL DATA
SQL SECURITY INVOKER
BEGIN
  SELECT 1 AS invariant, CAST('product' AS CHAR(16)) AS entity, i.product_id AS entity_id,
    CAST(CONCAT('on_hand=', i.on_hand, ' reserved=', i.reserved, ' incoming=', i.incoming)
      AS CHAR(255)) AS detail
  FROM inventory i
  WHERE i.reserved < 0 OR i.reserved > i.on_hand OR i.on_hand < 0 OR i.incoming < 0

  UNION ALL
  SELECT 2, 'product', i.product_id,
    CONCAT('inventory on_hand/reserved/incoming=', i.on_hand, '/', i.reserved, '/', i.incoming,
      ' ledger=', COALESCE(l.on_hand, 0), '/', COALESCE(l.reserved, 0), '/', COALESCE(l.incoming, 0))
  FROM inventory i
  LEFT JOIN (
    SELECT product_id, SUM(delta_on_hand) AS on_hand, SUM(delta_reserved) AS reserved,
      SUM(delta_incoming) AS incoming
    FROM stock_movements GROUP BY product_id
  ) l ON l.product_id = i.product_id
  WHERE i.on_hand <> COALESCE(l.on_hand, 0)
    OR i.reserved <> COALESCE(l.reserved, 0)
    OR i.incoming <> COALESCE(l.incoming, 0)

  UNION ALL
  SELECT 2, 'product', l.product_id, CONCAT('ledger rows but no inventory row')
  FROM (SELECT DISTINCT product_id FROM stock_movements) l
  LEFT JOIN inventory i ON i.product_id = l.product_id
  WHERE i.product_id IS NULL

  UNION ALL
  SELECT 3, 'product', i.product_id,
    CONCAT('reserved=', i.reserved, ' open order lines=', COALESCE(r.quantity, 0))
  FROM inventory i
  LEFT JOIN (
    SELECT d.product_id, SUM(d.quantity) AS quantity
    FROM orders o JOIN order_details d ON d.order_id = o.id
    WHERE o.status IN ('pending', 'paid')
    GROUP BY d.product_id
  ) r ON r.product_id = i.product_id
  WHERE i.reserved <> COALESCE(r.quantity, 0)

  UNION ALL
  SELECT 4, 'product', i.product_id,
    CONCAT('incoming=', i.incoming, ' open restocks=', COALESCE(s.quantity, 0))
  FROM inventory i
  LEFT JOIN (
    SELECT product_id, SUM(quantity) AS quantity
    FROM restocks WHERE status IN ('requested', 'in_transit')
    GROUP BY product_id
  ) s ON s.product_id = i.product_id
  WHERE i.incoming <> COALESCE(s.quantity, 0)

  UNION ALL
  SELECT 5, 'order', o.id,
    CONCAT('total_cents=', o.total_cents, ' lines=', COALESCE(d.total, 0),
      ' item_count=', o.item_count, ' lines=', COALESCE(d.items, 0))
  FROM orders o
  LEFT JOIN (
    SELECT order_id, SUM(quantity * unit_price_cents) AS total, SUM(quantity) AS items
    FROM order_details GROUP BY order_id
  ) d ON d.order_id = o.id
  WHERE d.order_id IS NULL OR o.total_cents <> d.total OR o.item_count <> d.items

  UNION ALL
  SELECT 6, 'order', e.order_id,
    CONCAT('event ', e.id, ' goes from ', COALESCE(e.from_status, 'NULL'), ' but the order was ',
      COALESCE(e.previous_status, 'NULL'))
  FROM (
    SELECT id, order_id, from_status,
      LAG(to_status) OVER (PARTITION BY order_id ORDER BY id) AS previous_status
    FROM order_events
  ) e
  WHERE NOT (e.from_status <=> e.previous_status)

  UNION ALL
  SELECT 6, 'order', o.id,
    CONCAT('status=', o.status, ' last event=', COALESCE(last_event.to_status, 'none'))
  FROM orders o
  LEFT JOIN (
    -- A window, not a join on MAX(id): its plan does not depend on fresh table statistics.
    SELECT order_id, to_status
    FROM (
      SELECT order_id, to_status,
        ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY id DESC) AS newest_first
      FROM order_events
    ) ranked
    WHERE newest_first = 1
  ) last_event ON last_event.order_id = o.id
  WHERE NOT (last_event.to_status <=> o.status)

  UNION ALL
  SELECT 7, 'outbox', ob.id,
    CONCAT(ob.kind, ' ', ob.topic, ' unpublished since ', DATE_FORMAT(ob.created_at, '%Y-%m-%d %H:%i:%s.%f'))
  FROM outbox ob
  WHERE ob.published_at IS NULL AND ob.created_at < UTC_TIMESTAMP(3) - INTERVAL 5 SECOND

  ORDER BY invariant, entity_id;
END;
