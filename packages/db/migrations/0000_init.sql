CREATE TABLE `customers` (
	`id` bigint unsigned NOT NULL,
	`phone` varchar(32),
	`address_line1` varchar(120),
	`address_line2` varchar(120),
	`city` varchar(80),
	`region` varchar(80),
	`postal_code` varchar(20),
	`country` varchar(2),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `customers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `inventory` (
	`product_id` bigint unsigned NOT NULL,
	`on_hand` int NOT NULL DEFAULT 0,
	`reserved` int NOT NULL DEFAULT 0,
	`incoming` int NOT NULL DEFAULT 0,
	`reorder_point` int NOT NULL DEFAULT 10,
	`reorder_quantity` int NOT NULL DEFAULT 50,
	`version` int unsigned NOT NULL DEFAULT 1,
	`available` int GENERATED ALWAYS AS (on_hand - reserved) STORED,
	`restock_gap` int GENERATED ALWAYS AS (on_hand - reserved + incoming - reorder_point) STORED,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `inventory_product_id` PRIMARY KEY(`product_id`),
	CONSTRAINT `inventory_stock_bounds` CHECK(reserved >= 0 AND reserved <= on_hand AND incoming >= 0),
	CONSTRAINT `inventory_policy_bounds` CHECK(reorder_point >= 0 AND reorder_quantity > 0)
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`delta_on_hand` int NOT NULL DEFAULT 0,
	`delta_reserved` int NOT NULL DEFAULT 0,
	`delta_incoming` int NOT NULL DEFAULT 0,
	`reason` enum('opening','reserve','release','ship','restock_order','restock_receive','restock_cancel','adjust') NOT NULL,
	`ref_type` enum('order','restock','admin','seed') NOT NULL,
	`ref_id` bigint unsigned,
	`actor` varchar(64) NOT NULL,
	`note` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_movements_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_details` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`quantity` int unsigned NOT NULL,
	`unit_price_cents` int unsigned NOT NULL,
	CONSTRAINT `order_details_id` PRIMARY KEY(`id`),
	CONSTRAINT `order_details_order_product_uq` UNIQUE(`order_id`,`product_id`),
	CONSTRAINT `order_details_quantity_positive` CHECK(quantity > 0)
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`from_status` enum('pending','paid','shipped','delivered','cancelled'),
	`to_status` enum('pending','paid','shipped','delivered','cancelled') NOT NULL,
	`actor` varchar(64) NOT NULL,
	`reason` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`status` enum('pending','paid','shipped','delivered','cancelled') NOT NULL DEFAULT 'pending',
	`total_cents` int unsigned NOT NULL,
	`item_count` int unsigned NOT NULL,
	`ship_name` varchar(100) NOT NULL,
	`ship_line1` varchar(120) NOT NULL,
	`ship_line2` varchar(120),
	`ship_city` varchar(80) NOT NULL,
	`ship_region` varchar(80),
	`ship_postal_code` varchar(20) NOT NULL,
	`ship_country` varchar(2) NOT NULL,
	`idempotency_key` varchar(64) NOT NULL,
	`request_hash` char(64) NOT NULL,
	`cancel_reason` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_customer_idempotency_uq` UNIQUE(`customer_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` enum('event','job') NOT NULL,
	`topic` varchar(64) NOT NULL,
	`payload` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`published_at` datetime(3),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`sku` varchar(64) NOT NULL,
	`name` varchar(200) NOT NULL,
	`description` text NOT NULL,
	`category` varchar(64) NOT NULL,
	`price_cents` int unsigned NOT NULL,
	`image_url` varchar(500),
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `products_id` PRIMARY KEY(`id`),
	CONSTRAINT `products_sku_unique` UNIQUE(`sku`)
);
--> statement-breakpoint
CREATE TABLE `restocks` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`quantity` int unsigned NOT NULL,
	`status` enum('requested','in_transit','received','cancelled') NOT NULL DEFAULT 'requested',
	`requested_by` varchar(64) NOT NULL,
	`eta` datetime(3),
	`received_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `restocks_id` PRIMARY KEY(`id`),
	CONSTRAINT `restocks_quantity_positive` CHECK(quantity > 0)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` char(64) NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_seen_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	`ip` varchar(45),
	`user_agent` varchar(255),
	CONSTRAINT `sessions_token_hash` PRIMARY KEY(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(100) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('customer','admin') NOT NULL DEFAULT 'customer',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
ALTER TABLE `customers` ADD CONSTRAINT `customers_id_users_id_fk` FOREIGN KEY (`id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `inventory` ADD CONSTRAINT `inventory_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD CONSTRAINT `stock_movements_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_details` ADD CONSTRAINT `order_details_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_details` ADD CONSTRAINT `order_details_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_events` ADD CONSTRAINT `order_events_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_customer_id_customers_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `restocks` ADD CONSTRAINT `restocks_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `sessions` ADD CONSTRAINT `sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `inventory_available_idx` ON `inventory` (`available`);--> statement-breakpoint
CREATE INDEX `inventory_restock_gap_idx` ON `inventory` (`restock_gap`);--> statement-breakpoint
CREATE INDEX `stock_movements_product_time_idx` ON `stock_movements` (`product_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_ref_idx` ON `stock_movements` (`ref_type`,`ref_id`);--> statement-breakpoint
CREATE INDEX `order_details_product_idx` ON `order_details` (`product_id`);--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_time_idx` ON `orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_customer_time_idx` ON `orders` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_time_idx` ON `orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_unpublished_idx` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `products_active_category_name_idx` ON `products` (`active`,`category`,`name`);--> statement-breakpoint
CREATE INDEX `products_active_name_idx` ON `products` (`active`,`name`);--> statement-breakpoint
CREATE INDEX `restocks_product_status_idx` ON `restocks` (`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `restocks_status_time_idx` ON `restocks` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);