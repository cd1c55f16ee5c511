-- Variants and locations (DESIGN §11), carrying an existing shop forward: every product
-- gets one default variant with the product's own id and SKU, all stock moves to the
-- default location "Main warehouse" (id 1), every ledger row, order line, allocation and
-- restock names that variant and location. Because each default variant has its product's
-- id, the ledger's product_id column becomes variant_id as it is (a rename, no rewrite),
-- and every inventory row still equals the sum of its ledger rows.
-- Hand-ordered from drizzle-kit's output (its snapshot is the schema after this file).
--> statement-breakpoint
CREATE TABLE `locations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(100) NOT NULL,
	`code` varchar(16) NOT NULL,
	`country` char(2) NOT NULL,
	`fulfils_online` boolean NOT NULL DEFAULT true,
	`priority` int NOT NULL DEFAULT 100,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `locations_id` PRIMARY KEY(`id`),
	CONSTRAINT `locations_code_unique` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `order_allocations` (
	`order_detail_id` bigint unsigned NOT NULL,
	`location_id` bigint unsigned NOT NULL,
	`quantity` int unsigned NOT NULL,
	CONSTRAINT `order_allocations_order_detail_id_location_id_pk` PRIMARY KEY(`order_detail_id`,`location_id`),
	CONSTRAINT `order_allocations_quantity_positive` CHECK(quantity > 0)
);
--> statement-breakpoint
CREATE TABLE `transfer_lines` (
	`transfer_id` bigint unsigned NOT NULL,
	`variant_id` bigint unsigned NOT NULL,
	`quantity` int unsigned NOT NULL,
	CONSTRAINT `transfer_lines_transfer_id_variant_id_pk` PRIMARY KEY(`transfer_id`,`variant_id`),
	CONSTRAINT `transfer_lines_quantity_positive` CHECK(quantity > 0)
);
--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`from_location_id` bigint unsigned NOT NULL,
	`to_location_id` bigint unsigned NOT NULL,
	`status` enum('draft','in_transit','received','cancelled') NOT NULL DEFAULT 'draft',
	`created_by` varchar(64) NOT NULL,
	`note` varchar(255),
	`shipped_at` datetime(3),
	`received_at` datetime(3),
	`cancelled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `transfers_id` PRIMARY KEY(`id`),
	CONSTRAINT `transfers_two_places` CHECK(from_location_id <> to_location_id)
);
--> statement-breakpoint
CREATE TABLE `product_option_values` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`option_id` bigint unsigned NOT NULL,
	`value` varchar(40) NOT NULL,
	`position` int NOT NULL DEFAULT 0,
	CONSTRAINT `product_option_values_id` PRIMARY KEY(`id`),
	CONSTRAINT `product_option_values_option_value_uq` UNIQUE(`option_id`,`value`)
);
--> statement-breakpoint
CREATE TABLE `product_options` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`name` varchar(40) NOT NULL,
	`position` int NOT NULL DEFAULT 0,
	CONSTRAINT `product_options_id` PRIMARY KEY(`id`),
	CONSTRAINT `product_options_product_name_uq` UNIQUE(`product_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `variants` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`sku` varchar(64) NOT NULL,
	`options` text NOT NULL,
	`title` varchar(200) NOT NULL DEFAULT '',
	`price_cents` int unsigned NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`position` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `variants_id` PRIMARY KEY(`id`),
	CONSTRAINT `variants_sku_unique` UNIQUE(`sku`)
);
--> statement-breakpoint
-- Pinned like every table (0008): whatever the database's default collation.
ALTER TABLE `locations` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
ALTER TABLE `order_allocations` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
ALTER TABLE `product_options` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
ALTER TABLE `product_option_values` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
ALTER TABLE `transfers` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
ALTER TABLE `transfer_lines` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
ALTER TABLE `variants` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
--> statement-breakpoint
INSERT INTO `locations` (`id`, `name`, `code`, `country`, `fulfils_online`, `priority`, `active`)
VALUES (1, 'Main warehouse', 'MAIN', 'US', true, 1, true)
--> statement-breakpoint
INSERT INTO `variants` (`id`, `product_id`, `sku`, `options`, `title`, `price_cents`, `active`, `position`, `created_at`, `updated_at`)
SELECT `id`, `id`, `sku`, '{}', '', `price_cents`, true, 0, `created_at`, `updated_at` FROM `products`
--> statement-breakpoint
ALTER TABLE `products` ADD `stock_version` int unsigned DEFAULT 1 NOT NULL
--> statement-breakpoint
ALTER TABLE `inventory`
  DROP CONSTRAINT `inventory_stock_bounds`,
  DROP FOREIGN KEY `inventory_product_id_products_id_fk`
--> statement-breakpoint
ALTER TABLE `inventory`
  DROP INDEX `inventory_available_idx`,
  DROP INDEX `inventory_restock_gap_idx`,
  DROP COLUMN `available`,
  DROP COLUMN `restock_gap`,
  ADD `variant_id` bigint unsigned NOT NULL DEFAULT 0 FIRST,
  ADD `location_id` bigint unsigned NOT NULL DEFAULT 1 AFTER `variant_id`,
  ADD `damaged` int DEFAULT 0 NOT NULL AFTER `incoming`,
  ADD `quality_control` int DEFAULT 0 NOT NULL AFTER `damaged`,
  ADD `safety_stock` int DEFAULT 0 NOT NULL AFTER `quality_control`
--> statement-breakpoint
UPDATE `inventory` SET `variant_id` = `product_id`
--> statement-breakpoint
ALTER TABLE `inventory`
  ALTER `variant_id` DROP DEFAULT,
  ALTER `location_id` DROP DEFAULT,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (`variant_id`, `location_id`),
  ADD `available` int GENERATED ALWAYS AS (on_hand - reserved - damaged - quality_control - safety_stock) STORED,
  ADD `restock_gap` int GENERATED ALWAYS AS (IF(reorder_point = 0, NULL, on_hand - reserved - damaged - quality_control - safety_stock + incoming - reorder_point)) STORED
--> statement-breakpoint
ALTER TABLE `inventory`
  ADD INDEX `inventory_product_location_idx` (`product_id`, `location_id`, `available`),
  ADD INDEX `inventory_location_variant_idx` (`location_id`, `variant_id`),
  ADD INDEX `inventory_available_idx` (`available`),
  ADD INDEX `inventory_restock_gap_idx` (`restock_gap`),
  ADD CONSTRAINT `inventory_stock_bounds` CHECK (reserved >= 0 AND incoming >= 0 AND damaged >= 0 AND quality_control >= 0 AND safety_stock >= 0 AND reserved + damaged + quality_control + safety_stock <= on_hand),
  ADD CONSTRAINT `inventory_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action,
  ADD CONSTRAINT `inventory_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action,
  ADD CONSTRAINT `inventory_location_id_locations_id_fk` FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON DELETE no action ON UPDATE no action
--> statement-breakpoint
ALTER TABLE `stock_movements` DROP FOREIGN KEY `stock_movements_product_id_products_id_fk`
--> statement-breakpoint
ALTER TABLE `stock_movements`
  DROP INDEX `stock_movements_product_time_idx`,
  DROP INDEX `stock_movements_product_deltas_idx`,
  CHANGE `product_id` `variant_id` bigint unsigned NOT NULL,
  ADD `location_id` bigint unsigned NOT NULL DEFAULT 1 AFTER `variant_id`,
  ADD `delta_damaged` int DEFAULT 0 NOT NULL AFTER `delta_incoming`,
  ADD `delta_quality_control` int DEFAULT 0 NOT NULL AFTER `delta_damaged`,
  ADD `delta_safety_stock` int DEFAULT 0 NOT NULL AFTER `delta_quality_control`,
  MODIFY COLUMN `reason` enum('opening','reserve','release','ship','restock_order','restock_receive','restock_cancel','adjust','move','transfer_ship','transfer_receive','transfer_cancel') NOT NULL,
  MODIFY COLUMN `ref_type` enum('order','restock','admin','seed','transfer') NOT NULL
--> statement-breakpoint
ALTER TABLE `stock_movements`
  ALTER `location_id` DROP DEFAULT,
  ADD INDEX `stock_movements_variant_time_idx` (`variant_id`, `location_id`, `created_at`),
  ADD INDEX `stock_movements_variant_deltas_idx` (`variant_id`, `location_id`, `delta_on_hand`, `delta_reserved`, `delta_incoming`, `delta_damaged`, `delta_quality_control`, `delta_safety_stock`),
  ADD CONSTRAINT `stock_movements_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action,
  ADD CONSTRAINT `stock_movements_location_id_locations_id_fk` FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON DELETE no action ON UPDATE no action
--> statement-breakpoint
ALTER TABLE `order_details`
  ADD `variant_id` bigint unsigned NOT NULL DEFAULT 0 AFTER `product_id`
--> statement-breakpoint
UPDATE `order_details` SET `variant_id` = `product_id`
--> statement-breakpoint
ALTER TABLE `order_details`
  ALTER `variant_id` DROP DEFAULT,
  ADD CONSTRAINT `order_details_order_variant_uq` UNIQUE (`order_id`, `variant_id`),
  DROP INDEX `order_details_order_product_uq`,
  ADD INDEX `order_details_variant_idx` (`variant_id`),
  ADD CONSTRAINT `order_details_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action
--> statement-breakpoint
INSERT INTO `order_allocations` (`order_detail_id`, `location_id`, `quantity`)
SELECT `id`, 1, `quantity` FROM `order_details`
--> statement-breakpoint
ALTER TABLE `restocks`
  ADD `variant_id` bigint unsigned NOT NULL DEFAULT 0 AFTER `product_id`,
  ADD `location_id` bigint unsigned NOT NULL DEFAULT 1 AFTER `variant_id`
--> statement-breakpoint
UPDATE `restocks` SET `variant_id` = `product_id`
--> statement-breakpoint
ALTER TABLE `restocks`
  ALTER `variant_id` DROP DEFAULT,
  ALTER `location_id` DROP DEFAULT,
  ADD INDEX `restocks_variant_location_status_idx` (`variant_id`, `location_id`, `status`),
  ADD CONSTRAINT `restocks_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action,
  ADD CONSTRAINT `restocks_location_id_locations_id_fk` FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON DELETE no action ON UPDATE no action
--> statement-breakpoint
ALTER TABLE `order_allocations` ADD CONSTRAINT `order_allocations_order_detail_id_order_details_id_fk` FOREIGN KEY (`order_detail_id`) REFERENCES `order_details`(`id`) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `order_allocations` ADD CONSTRAINT `order_allocations_location_id_locations_id_fk` FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `transfer_lines` ADD CONSTRAINT `transfer_lines_transfer_id_transfers_id_fk` FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `transfer_lines` ADD CONSTRAINT `transfer_lines_variant_id_variants_id_fk` FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `transfers` ADD CONSTRAINT `transfers_from_location_id_locations_id_fk` FOREIGN KEY (`from_location_id`) REFERENCES `locations`(`id`) ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `transfers` ADD CONSTRAINT `transfers_to_location_id_locations_id_fk` FOREIGN KEY (`to_location_id`) REFERENCES `locations`(`id`) ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `product_option_values` ADD CONSTRAINT `product_option_values_option_id_product_options_id_fk` FOREIGN KEY (`option_id`) REFERENCES `product_options`(`id`) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `product_options` ADD CONSTRAINT `product_options_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE `variants` ADD CONSTRAINT `variants_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX `locations_priority_idx` ON `locations` (`priority`);
--> statement-breakpoint
CREATE INDEX `transfers_status_idx` ON `transfers` (`status`);
--> statement-breakpoint
CREATE INDEX `variants_product_idx` ON `variants` (`product_id`,`position`,`id`);
