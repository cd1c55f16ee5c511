-- Custom migration: record_order, the write half of a placement in one round trip.
-- Runs on MySQL 8 and MariaDB 10.11 (JSON_TABLE: MySQL 8.0.4+, MariaDB 10.6+); no
-- DELIMITER, no CREATE OR REPLACE PROCEDURE.
--
-- orders.place decides everything in TypeScript (packages/core/src/orders/place.ts): the
-- reservation, prices, totals, every refusal. Once the stock is reserved, what is left is
-- five INSERTs that all need the new order's id; sent one by one they were half the
-- placement's round trips. This procedure makes them one CALL, inside the caller's
-- transaction (it never commits), and contains no rule of its own:
--   orders                 one row, `pending`, created_at = updated_at = p_at
--   order_details          one row per line of p_lines
--   stock_movements        one `reserve` row per line (the ledger), ref = the order
--   order_events           the first status event (NULL → pending)
--   outbox                 `order:created` (p_created with its `id` set), one
--                          `inventory:changed` per string of p_stock, and the `orders` job
--                          (p_job with `jobId` = p_job_prefix + id and `data.orderId` = id),
--                          in that order
-- and answers one row: order_id.
--
-- p_lines:  [{"productId": 1, "quantity": 2, "unitPriceCents": 500}, ...]
-- p_stock:  ["{\"productId\":1,...}", ...]  (payloads as JSON strings, inserted verbatim)
-- A duplicate (customer_id, idempotency_key) fails the first INSERT with error 1062, as a
-- plain INSERT would: the caller answers with the replay.
DROP PROCEDURE IF EXISTS `record_order`;
--> statement-breakpoint
CREATE PROCEDURE `record_order`(
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
  IN p_stock LONGTEXT,
  IN p_job LONGTEXT,
  IN p_job_prefix VARCHAR(32)
)
MODIFIES SQL DATA
SQL SECURITY INVOKER
BEGIN
  DECLARE v_order_id BIGINT UNSIGNED;

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
    SELECT s.seq, 'event', 'inventory:changed', s.payload
    FROM JSON_TABLE(p_stock, '$[*]' COLUMNS (
      seq FOR ORDINALITY,
      payload LONGTEXT PATH '$'
    )) AS s
    UNION ALL
    SELECT 2147483647, 'job', 'orders',
           JSON_SET(p_job, '$.jobId', CONCAT(p_job_prefix, v_order_id), '$.data.orderId', v_order_id)
  ) AS m
  ORDER BY m.seq;

  SELECT v_order_id AS order_id;
END;
