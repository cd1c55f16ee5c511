-- The low-stock list's own index (core/inventory/stock-list.ts `lowStock`): a row that is low
-- (tracked, available at or below its reorder point) carries its available here, every
-- other row NULL, so the list walks only those rows in (available, variant, location)
-- order and stops at a page.
ALTER TABLE `inventory` ADD `low_available` int GENERATED ALWAYS AS (IF(reorder_point > 0 AND on_hand - reserved - damaged - quality_control - safety_stock <= reorder_point, on_hand - reserved - damaged - quality_control - safety_stock, NULL)) STORED;--> statement-breakpoint
CREATE INDEX `inventory_low_available_idx` ON `inventory` (`low_available`);