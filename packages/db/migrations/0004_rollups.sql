CREATE TABLE `order_status_counts` (
	`status` enum('pending','paid','shipped','delivered','cancelled') NOT NULL,
	`orders` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `order_status_counts_status` PRIMARY KEY(`status`)
);
--> statement-breakpoint
CREATE TABLE `product_sales_rollup` (
	`grain` enum('hour','day','month') NOT NULL,
	`bucket_start` datetime NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`units` bigint NOT NULL DEFAULT 0,
	`revenue_cents` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `product_sales_rollup_grain_bucket_start_product_id_pk` PRIMARY KEY(`grain`,`bucket_start`,`product_id`)
);
--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`id` tinyint NOT NULL,
	`folded_through_outbox_id` bigint unsigned NOT NULL,
	`rebuilt_at` datetime(3) NOT NULL,
	CONSTRAINT `rollup_state_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `sales_rollup` (
	`grain` enum('hour','day') NOT NULL,
	`bucket_start` datetime NOT NULL,
	`status` enum('pending','paid','shipped','delivered','cancelled') NOT NULL,
	`orders` bigint NOT NULL DEFAULT 0,
	`revenue_cents` bigint NOT NULL DEFAULT 0,
	`units` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `sales_rollup_grain_bucket_start_status_pk` PRIMARY KEY(`grain`,`bucket_start`,`status`)
);
--> statement-breakpoint
CREATE INDEX `product_sales_rollup_best_idx` ON `product_sales_rollup` (`grain`,`bucket_start`,`revenue_cents`,`product_id`);--> statement-breakpoint
CREATE INDEX `product_sales_rollup_product_idx` ON `product_sales_rollup` (`product_id`,`grain`,`bucket_start`);--> statement-breakpoint
-- Carries an existing shop forward: the rollups as the orders stand now (the same
-- statements as REBUILD_ROLLUPS_SQL in src/rollups.ts). Outbox rows written before this
-- point are already counted here; rollup_state records where the relay's folding starts.
INSERT INTO sales_rollup (grain, bucket_start, status, orders, revenue_cents, units)
SELECT 'hour', TIMESTAMP(DATE(o.created_at), MAKETIME(HOUR(o.created_at), 0, 0)) AS b, o.status, COUNT(*), SUM(o.total_cents), SUM(o.item_count)
FROM orders o GROUP BY b, o.status;
--> statement-breakpoint
INSERT INTO sales_rollup (grain, bucket_start, status, orders, revenue_cents, units)
SELECT 'day', TIMESTAMP(DATE(o.created_at)) AS b, o.status, COUNT(*), SUM(o.total_cents), SUM(o.item_count)
FROM orders o GROUP BY b, o.status;
--> statement-breakpoint
INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
SELECT 'hour', TIMESTAMP(DATE(o.created_at), MAKETIME(HOUR(o.created_at), 0, 0)) AS b, d.product_id, SUM(d.quantity), SUM(d.quantity * d.unit_price_cents)
FROM orders o STRAIGHT_JOIN order_details d ON d.order_id = o.id
WHERE o.status IN ('paid', 'shipped', 'delivered')
GROUP BY b, d.product_id;
--> statement-breakpoint
INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
SELECT 'day', TIMESTAMP(DATE(o.created_at)) AS b, d.product_id, SUM(d.quantity), SUM(d.quantity * d.unit_price_cents)
FROM orders o STRAIGHT_JOIN order_details d ON d.order_id = o.id
WHERE o.status IN ('paid', 'shipped', 'delivered')
GROUP BY b, d.product_id;
--> statement-breakpoint
INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
SELECT 'month', TIMESTAMP(DATE_FORMAT(o.created_at, '%Y-%m-01')) AS b, d.product_id, SUM(d.quantity), SUM(d.quantity * d.unit_price_cents)
FROM orders o STRAIGHT_JOIN order_details d ON d.order_id = o.id
WHERE o.status IN ('paid', 'shipped', 'delivered')
GROUP BY b, d.product_id;
--> statement-breakpoint
INSERT INTO order_status_counts (status, orders)
SELECT status, COUNT(*) FROM orders GROUP BY status;
--> statement-breakpoint
INSERT INTO rollup_state (id, folded_through_outbox_id, rebuilt_at)
SELECT 1, COALESCE(MAX(id), 0), UTC_TIMESTAMP(3) FROM outbox;
