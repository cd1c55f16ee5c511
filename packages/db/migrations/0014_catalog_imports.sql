CREATE TABLE `catalog_import_errors` (
	`import_id` bigint unsigned NOT NULL,
	`row` int unsigned NOT NULL,
	`sku` varchar(64),
	`message` varchar(500) NOT NULL,
	CONSTRAINT `catalog_import_errors_import_id_row_pk` PRIMARY KEY(`import_id`,`row`)
);
--> statement-breakpoint
CREATE TABLE `catalog_imports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`status` enum('queued','running','done','failed') NOT NULL DEFAULT 'queued',
	`file_name` varchar(255) NOT NULL,
	`csv` mediumtext NOT NULL,
	`total_rows` int unsigned NOT NULL DEFAULT 0,
	`processed_rows` int unsigned NOT NULL DEFAULT 0,
	`created_count` int unsigned NOT NULL DEFAULT 0,
	`updated_count` int unsigned NOT NULL DEFAULT 0,
	`unchanged_count` int unsigned NOT NULL DEFAULT 0,
	`failed_count` int unsigned NOT NULL DEFAULT 0,
	`message` varchar(500),
	`created_by` bigint unsigned NOT NULL,
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `catalog_imports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `catalog_import_errors` ADD CONSTRAINT `catalog_import_errors_import_id_catalog_imports_id_fk` FOREIGN KEY (`import_id`) REFERENCES `catalog_imports`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `catalog_imports` ADD CONSTRAINT `catalog_imports_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `catalog_imports_status_idx` ON `catalog_imports` (`status`);--> statement-breakpoint
-- custom: pin the new tables to utf8mb4 / utf8mb4_unicode_ci, as 0008 did every table
ALTER TABLE `catalog_imports` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
--> statement-breakpoint
ALTER TABLE `catalog_import_errors` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
