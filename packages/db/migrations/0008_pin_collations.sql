-- Custom migration: every table and stored procedure pinned to utf8mb4 / utf8mb4_unicode_ci,
-- whatever the database's default. The tables of 0000-0007 were created without a
-- character set, so they took the database's: utf8mb4_unicode_ci where `migrate` created
-- the database (packages/db/src/migrate.ts), but a DBA's `CREATE DATABASE stockpulse`
-- takes the server's (MariaDB: utf8mb4_general_ci; MySQL 8: utf8mb4_0900_ai_ci; older
-- servers: latin1, which cannot store most names). A procedure's string parameters took
-- it too, and MySQL refuses to compare or UNION strings of two collations ("Illegal mix
-- of collations"). `migrate` logs what it found before this runs (db/src/collations.ts).
--
-- Only tables not in utf8mb4_unicode_ci yet are converted (CONVERT TO rebuilds a table:
-- on a database the project created, which is already right, nothing is rebuilt). The
-- search words keep their binary collation (0007), set again after a conversion.
-- Runs on MySQL 8 and MariaDB 10.11; no DELIMITER.
DROP PROCEDURE IF EXISTS `stockpulse_pin_collations`;
--> statement-breakpoint
CREATE PROCEDURE `stockpulse_pin_collations`()
MODIFIES SQL DATA
SQL SECURITY INVOKER
BEGIN
  DECLARE v_done BOOLEAN DEFAULT FALSE;
  DECLARE v_table VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_tables CURSOR FOR
    SELECT TABLE_NAME FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
      AND TABLE_COLLATION <> 'utf8mb4_unicode_ci'
    ORDER BY TABLE_NAME;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;
  OPEN v_tables;
  convert_tables: LOOP
    FETCH v_tables INTO v_table;
    IF v_done THEN LEAVE convert_tables; END IF;
    SET @stockpulse_pin_sql = CONCAT('ALTER TABLE `', v_table,
      '` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    PREPARE stockpulse_pin FROM @stockpulse_pin_sql;
    EXECUTE stockpulse_pin;
    DEALLOCATE PREPARE stockpulse_pin;
    IF v_table = 'product_search_words' THEN
      ALTER TABLE `product_search_words`
        MODIFY `word` varchar(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
    ELSEIF v_table = 'product_search_vocabulary' THEN
      ALTER TABLE `product_search_vocabulary`
        MODIFY `word` varchar(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
    END IF;
  END LOOP;
  CLOSE v_tables;
  SET @stockpulse_pin_sql = NULL;
END;
--> statement-breakpoint
CALL `stockpulse_pin_collations`();
--> statement-breakpoint
DROP PROCEDURE `stockpulse_pin_collations`;
--> statement-breakpoint
-- The procedures again, as 0001 and 0003 left them, with every string parameter pinned.
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
  IN p_created LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_job LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_job_prefix VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
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
--> statement-breakpoint
DROP PROCEDURE IF EXISTS `sales_report`;
--> statement-breakpoint
CREATE PROCEDURE `sales_report`(
  IN p_from DATETIME(3),
  IN p_to DATETIME(3),
  IN p_bucket VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
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
