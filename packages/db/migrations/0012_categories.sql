CREATE TABLE `categories` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(64) NOT NULL,
	`slug` varchar(80) NOT NULL,
	`parent_id` bigint unsigned,
	`parent_key` bigint unsigned GENERATED ALWAYS AS (COALESCE(parent_id, 0)) STORED,
	`archived_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `categories_id` PRIMARY KEY(`id`),
	CONSTRAINT `categories_slug_unique` UNIQUE(`slug`),
	CONSTRAINT `categories_parent_name_unique` UNIQUE(`parent_key`,`name`)
);
--> statement-breakpoint
DROP INDEX `products_active_category_name_idx` ON `products`;--> statement-breakpoint
ALTER TABLE `products` ADD `category_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `categories` ADD CONSTRAINT `categories_parent_id_categories_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `categories`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `categories_parent_id_idx` ON `categories` (`parent_id`);--> statement-breakpoint
ALTER TABLE `products` ADD CONSTRAINT `products_category_id_categories_id_fk` FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `products_active_category_id_name_idx` ON `products` (`active`,`category_id`,`name`);--> statement-breakpoint
CREATE INDEX `products_category_id_idx` ON `products` (`category_id`,`active`);--> statement-breakpoint
-- custom: one category per distinct products.category, and products.category_id filled.
-- The new table takes the products' collation whatever the database's default (see 0008),
-- so names compare as products.category did ("kitchen" is "Kitchen").
ALTER TABLE `categories` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
--> statement-breakpoint
-- One top-level category per distinct name (in that collation), with a placeholder slug ...
INSERT INTO `categories` (`name`, `slug`)
SELECT MIN(`category`), CONCAT('tmp-', MD5(MIN(`category`)))
FROM `products`
GROUP BY `category`
ORDER BY MIN(`category`);
--> statement-breakpoint
-- ... then its slug: lowercase ASCII letters and digits, every other run one dash (the
-- names' accents and "&" are dropped here, where core's slugify spells them out); a slug
-- two names share gets the category's id after the first.
UPDATE `categories` AS `c`
JOIN (
	SELECT `id`, `base`, ROW_NUMBER() OVER (PARTITION BY `base` ORDER BY `id`) AS `n`
	FROM (
		SELECT `id`,
			COALESCE(NULLIF(TRIM(BOTH '-' FROM REGEXP_REPLACE(LOWER(`name`), '[^a-z0-9]+', '-')), ''), 'category') AS `base`
		FROM `categories`
	) AS `b`
) AS `s` ON `s`.`id` = `c`.`id`
SET `c`.`slug` = IF(`s`.`n` = 1, `s`.`base`, CONCAT(`s`.`base`, '-', `c`.`id`));
--> statement-breakpoint
-- Every product points at its category, and its copy of the name is the category's own
-- spelling (two spellings in another case were one category already).
UPDATE `products` AS `p`
JOIN `categories` AS `c` ON `c`.`name` = `p`.`category` AND `c`.`parent_id` IS NULL
SET `p`.`category_id` = `c`.`id`, `p`.`category` = `c`.`name`;
