-- Custom migration: record_and_commit_order (0003, pinned in 0008) writes the rows
-- TypeScript built instead of building them itself, so a ledger row and an event payload
-- have one definition (packages/core/src/inventory/stock.ts, orders/placement/decide.ts).
-- Runs on MySQL 8 and MariaDB 10.11; no DELIMITER, no CREATE OR REPLACE PROCEDURE.
--
-- Same place in a placement as before (packages/core/src/orders/placement/statements.ts):
-- right after the caller's reservation UPDATE, in its transaction, and it COMMITs. What
-- changed is who builds what. TypeScript builds everything that does not need the new
-- order's id; the procedure adds the id it assigns, and reads the stock it reports from the
-- rows the caller's UPDATE locked. No placeholder is sent to be overwritten.
--
-- It writes, and then COMMITs:
--   orders                 one row, `pending`, created_at = updated_at = p_at
--   order_details          one row per line of p_lines
--   stock_movements        one row per entry of p_ledger (`ledgerEntries` in
--                          inventory/stock.ts), ref_id = the order, created_at = p_at
--   order_events           the first status event (NULL → pending)
--   outbox                 `order:created` (p_created with the order's `id` added), one
--                          `inventory:changed` per line with the product's stock as this
--                          transaction left it (the object `stockLevels` in
--                          inventory/stock.ts builds; orders/placement/one-write-model
--                          .int.test.ts pins the two), and the `orders` job
--                          {name: p_job_name, jobId: p_job_id_prefix + id, data: {orderId}},
--                          in that order
-- and answers one row: order_id.
--
-- Any error rolls the whole transaction back (the caller's reservation with it) and is
-- raised again to the caller unchanged: a duplicate (customer_id, idempotency_key) is
-- error 1062, as a plain INSERT would give, and the caller answers with the replay.
--
-- p_lines:  [{"productId": 1, "quantity": 2, "unitPriceCents": 500}, ...]
-- p_ledger: [{"productId": 1, "deltaOnHand": 0, "deltaReserved": 2, "deltaIncoming": 0,
--             "reason": "reserve", "refType": "order", "actor": "customer:7"}, ...]
--           (a null `note` is left out; a missing key reads as NULL)
DROP PROCEDURE IF EXISTS `record_and_commit_order`;
--> statement-breakpoint
CREATE PROCEDURE `record_and_commit_order`(
  IN p_customer_id BIGINT UNSIGNED,
  IN p_total_cents INT UNSIGNED,
  IN p_item_count INT UNSIGNED,
  IN p_ship_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ship_line1 VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ship_line2 VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ship_city VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ship_region VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ship_postal_code VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ship_country VARCHAR(2) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_idempotency_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_request_hash CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_at DATETIME(3),
  IN p_actor VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_lines LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_ledger LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_created LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_job_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_job_id_prefix VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
)
MODIFIES SQL DATA
SQL SECURITY INVOKER
BEGIN
  DECLARE v_order_id BIGINT UNSIGNED;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  INSERT INTO orders (
    customer_id, status, total_cents, item_count,
    ship_name, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country,
    idempotency_key, request_hash, created_at, updated_at
  ) VALUES (
    p_customer_id, 'pending', p_total_cents, p_item_count,
    p_ship_name, p_ship_line1, p_ship_line2, p_ship_city, p_ship_region, p_ship_postal_code,
    p_ship_country, p_idempotency_key, p_request_hash, p_at, p_at
  );
  SET v_order_id = LAST_INSERT_ID();

  INSERT INTO order_details (order_id, product_id, quantity, unit_price_cents)
  SELECT v_order_id, l.product_id, l.quantity, l.unit_price_cents
  FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
    seq FOR ORDINALITY,
    product_id BIGINT UNSIGNED PATH '$.productId',
    quantity INT UNSIGNED PATH '$.quantity',
    unit_price_cents INT UNSIGNED PATH '$.unitPriceCents'
  )) AS l
  ORDER BY l.seq;

  INSERT INTO stock_movements (
    product_id, delta_on_hand, delta_reserved, delta_incoming,
    reason, ref_type, ref_id, actor, note, created_at
  )
  SELECT e.product_id, e.delta_on_hand, e.delta_reserved, e.delta_incoming,
         e.reason, e.ref_type, v_order_id, e.actor, e.note, p_at
  FROM JSON_TABLE(p_ledger, '$[*]' COLUMNS (
    seq FOR ORDINALITY,
    product_id BIGINT UNSIGNED PATH '$.productId',
    delta_on_hand INT PATH '$.deltaOnHand',
    delta_reserved INT PATH '$.deltaReserved',
    delta_incoming INT PATH '$.deltaIncoming',
    reason VARCHAR(16) PATH '$.reason',
    ref_type VARCHAR(16) PATH '$.refType',
    actor VARCHAR(64) PATH '$.actor',
    note VARCHAR(255) PATH '$.note'
  )) AS e
  ORDER BY e.seq;

  INSERT INTO order_events (order_id, from_status, to_status, actor, created_at)
  VALUES (v_order_id, NULL, 'pending', p_actor, p_at);

  INSERT INTO outbox (kind, topic, payload)
  SELECT m.kind, m.topic, m.payload
  FROM (
    SELECT 0 AS seq, 'event' AS kind, 'order:created' AS topic,
           JSON_INSERT(p_created, '$.id', v_order_id) AS payload
    UNION ALL
    -- `stockLevels(row)` of inventory/stock.ts, key for key.
    SELECT l.seq, 'event', 'inventory:changed',
           JSON_OBJECT(
             'productId', i.product_id,
             'available', i.on_hand - i.reserved,
             'onHand', i.on_hand,
             'reserved', i.reserved,
             'incoming', i.incoming,
             'version', i.version
           )
    FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
      seq FOR ORDINALITY,
      product_id BIGINT UNSIGNED PATH '$.productId'
    )) AS l
    INNER JOIN inventory i ON i.product_id = l.product_id
    UNION ALL
    -- CAST: MariaDB's JSON_OBJECT writes a procedure variable as a string ("5").
    SELECT 2147483647, 'job', 'orders',
           JSON_OBJECT(
             'name', p_job_name,
             'jobId', CONCAT(p_job_id_prefix, v_order_id),
             'data', JSON_OBJECT('orderId', CAST(v_order_id AS UNSIGNED))
           )
  ) AS m
  ORDER BY m.seq;

  COMMIT;
  SELECT v_order_id AS order_id;
END;
