-- Custom migration: record_and_commit_order replaces record_order (0002) as the write
-- half of a placement. Runs on MySQL 8 and MariaDB 10.11 (JSON_TABLE: MySQL 8.0.4+,
-- MariaDB 10.6+); no DELIMITER, no CREATE OR REPLACE PROCEDURE.
--
-- orders.place decides everything in TypeScript (packages/core/src/orders/place.ts):
-- prices, totals, every refusal, and the reservation, a conditional UPDATE it sends itself
-- right before this CALL, in the same transaction. The UPDATE locks the products' stock
-- rows; they stay locked until the transaction ends. Ending it here, inside the CALL,
-- rather than with a COMMIT of the caller's, takes one client round trip out of the time
-- those rows are locked: on a product everyone is buying at once, that time is what
-- limits the orders per second (docs/architecture.md, "Placing an order").
--
-- It writes, and then COMMITs:
--   orders                 one row, `pending`, created_at = updated_at = p_at
--   order_details          one row per line of p_lines
--   stock_movements        one `reserve` row per line (the ledger), ref = the order
--   order_events           the first status event (NULL → pending)
--   outbox                 `order:created` (p_created with its `id` set), one
--                          `inventory:changed` per line with the product's stock as this
--                          transaction left it (the rows the caller's UPDATE locked), and
--                          the `orders` job (p_job with `jobId` = p_job_prefix + id and
--                          `data.orderId` = id), in that order
-- and answers one row: order_id.
--
-- Any error rolls the whole transaction back (the caller's reservation with it) and is
-- raised again to the caller unchanged: a duplicate (customer_id, idempotency_key) is
-- error 1062, as a plain INSERT would give, and the caller answers with the replay.
--
-- p_lines:  [{"productId": 1, "quantity": 2, "unitPriceCents": 500}, ...]
DROP PROCEDURE IF EXISTS `record_order`;
--> statement-breakpoint
DROP PROCEDURE IF EXISTS `record_and_commit_order`;
--> statement-breakpoint
CREATE PROCEDURE `record_and_commit_order`(
  IN p_customer_id BIGINT UNSIGNED,
  IN p_total_cents INT UNSIGNED,
  IN p_item_count INT UNSIGNED,
  IN p_ship_name VARCHAR(100),
  IN p_ship_line1 VARCHAR(120),
  IN p_ship_line2 VARCHAR(120),
  IN p_ship_city VARCHAR(80),
  IN p_ship_region VARCHAR(80),
  IN p_ship_postal_code VARCHAR(20),
  IN p_ship_country VARCHAR(2),
  IN p_idempotency_key VARCHAR(64),
  IN p_request_hash CHAR(64),
  IN p_at DATETIME(3),
  IN p_actor VARCHAR(64),
  IN p_lines LONGTEXT,
  IN p_created LONGTEXT,
  IN p_job LONGTEXT,
  IN p_job_prefix VARCHAR(32)
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

  INSERT INTO stock_movements (product_id, delta_reserved, reason, ref_type, ref_id, actor, created_at)
  SELECT l.product_id, l.quantity, 'reserve', 'order', v_order_id, p_actor, p_at
  FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
    seq FOR ORDINALITY,
    product_id BIGINT UNSIGNED PATH '$.productId',
    quantity INT UNSIGNED PATH '$.quantity'
  )) AS l
  ORDER BY l.seq;

  INSERT INTO order_events (order_id, from_status, to_status, actor, created_at)
  VALUES (v_order_id, NULL, 'pending', p_actor, p_at);

  INSERT INTO outbox (kind, topic, payload)
  SELECT m.kind, m.topic, m.payload
  FROM (
    SELECT 0 AS seq, 'event' AS kind, 'order:created' AS topic,
           JSON_SET(p_created, '$.id', v_order_id) AS payload
    UNION ALL
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
    SELECT 2147483647, 'job', 'orders',
           JSON_SET(p_job, '$.jobId', CONCAT(p_job_prefix, v_order_id), '$.data.orderId', v_order_id)
  ) AS m
  ORDER BY m.seq;

  COMMIT;
  SELECT v_order_id AS order_id;
END;
