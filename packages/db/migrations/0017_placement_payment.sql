-- custom: record_and_commit_order as in 0011, and besides it writes the order's first
-- `payments` row (status pending, amount = the order's total, the card's provider, token,
-- brand and last four: DESIGN §12) in the placement's one transaction, so placement keeps
-- its statement count. orders.payment_status keeps its default, awaiting_payment.
--
-- p_payment_provider, p_payment_token, p_payment_brand, p_payment_last4: the new last four
-- parameters.
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
  IN p_job_id_prefix VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_payment_provider VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_payment_token VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_payment_brand VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_payment_last4 CHAR(4) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
)
MODIFIES SQL DATA
SQL SECURITY INVOKER
BEGIN
  DECLARE v_order_id BIGINT UNSIGNED;
  DECLARE v_product_id BIGINT UNSIGNED;
  DECLARE v_done BOOLEAN DEFAULT FALSE;
  DECLARE c_products CURSOR FOR
    SELECT DISTINCT l.product_id FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
      product_id BIGINT UNSIGNED PATH '$.productId'
    )) AS l
    ORDER BY l.product_id;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  -- The products' stock version, under the lock every stock change of a product takes
  -- (after its inventory rows, in id order), so the payloads below are read after every
  -- change committed before this one, and before any committed after. First of all: the
  -- inserts' foreign-key checks take shared locks on the products, and two placements of
  -- one product that each held one would deadlock on upgrading it.
  -- One primary-key UPDATE per product, in id order: an `IN (subquery)` UPDATE scans the
  -- table and locks rows of other orders' products while it looks.
  OPEN c_products;
  bump: LOOP
    FETCH c_products INTO v_product_id;
    IF v_done THEN
      LEAVE bump;
    END IF;
    UPDATE products SET stock_version = stock_version + 1 WHERE id = v_product_id;
  END LOOP;
  CLOSE c_products;

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

  -- The order's first payment attempt (DESIGN §12): pending until the `orders` job asks
  -- the provider; the card as its token, brand and last four, never the number.
  INSERT INTO payments (
    order_id, provider, method_token, brand, last4, status, amount_cents, created_at, updated_at
  ) VALUES (
    v_order_id, p_payment_provider, p_payment_token, p_payment_brand, p_payment_last4,
    'pending', p_total_cents, p_at, p_at
  );

  INSERT INTO order_details (order_id, product_id, variant_id, quantity, unit_price_cents)
  SELECT v_order_id, l.product_id, l.variant_id, l.quantity, l.unit_price_cents
  FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
    seq FOR ORDINALITY,
    product_id BIGINT UNSIGNED PATH '$.productId',
    variant_id BIGINT UNSIGNED PATH '$.variantId',
    quantity INT UNSIGNED PATH '$.quantity',
    unit_price_cents INT UNSIGNED PATH '$.unitPriceCents'
  )) AS l
  ORDER BY l.seq;

  INSERT INTO order_allocations (order_detail_id, location_id, quantity)
  SELECT d.id, a.location_id, a.quantity
  FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
    variant_id BIGINT UNSIGNED PATH '$.variantId',
    NESTED PATH '$.allocations[*]' COLUMNS (
      location_id BIGINT UNSIGNED PATH '$.locationId',
      quantity INT UNSIGNED PATH '$.quantity'
    )
  )) AS a
  INNER JOIN order_details d ON d.order_id = v_order_id AND d.variant_id = a.variant_id;

  INSERT INTO stock_movements (
    variant_id, location_id, delta_on_hand, delta_reserved, delta_incoming,
    delta_damaged, delta_quality_control, delta_safety_stock,
    reason, ref_type, ref_id, actor, note, created_at
  )
  SELECT e.variant_id, e.location_id, e.delta_on_hand, e.delta_reserved, e.delta_incoming,
         e.delta_damaged, e.delta_quality_control, e.delta_safety_stock,
         e.reason, e.ref_type, v_order_id, e.actor, e.note, p_at
  FROM JSON_TABLE(p_ledger, '$[*]' COLUMNS (
    seq FOR ORDINALITY,
    variant_id BIGINT UNSIGNED PATH '$.variantId',
    location_id BIGINT UNSIGNED PATH '$.locationId',
    delta_on_hand INT PATH '$.deltaOnHand',
    delta_reserved INT PATH '$.deltaReserved',
    delta_incoming INT PATH '$.deltaIncoming',
    delta_damaged INT PATH '$.deltaDamaged',
    delta_quality_control INT PATH '$.deltaQualityControl',
    delta_safety_stock INT PATH '$.deltaSafetyStock',
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
    -- The one definition of the payload, shared with every other stock change.
    SELECT l.seq, 'event', 'inventory:changed', inventory_changed_payload(l.variant_id)
    FROM JSON_TABLE(p_lines, '$[*]' COLUMNS (
      seq FOR ORDINALITY,
      variant_id BIGINT UNSIGNED PATH '$.variantId'
    )) AS l
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
