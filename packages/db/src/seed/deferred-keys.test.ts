import { describe, expect, it } from 'vitest';
import { indexStatements, parseKeys } from './deferred-keys';

/** SHOW CREATE TABLE as MariaDB 10.11 writes it (AUTO_INCREMENT already taken out). */
const ORDER_DETAILS = `CREATE TABLE \`order_details\` (
  \`id\` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  \`order_id\` bigint(20) unsigned NOT NULL,
  \`product_id\` bigint(20) unsigned NOT NULL,
  \`note\` text NOT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`order_details_order_product_uq\` (\`order_id\`,\`product_id\`),
  KEY \`order_details_product_idx\` (\`product_id\`),
  FULLTEXT KEY \`order_details_note_ft\` (\`note\`),
  FULLTEXT KEY \`order_details_note2_ft\` (\`note\`),
  CONSTRAINT \`order_details_order_id_orders_id_fk\` FOREIGN KEY (\`order_id\`) REFERENCES \`orders\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT \`order_details_quantity_positive\` CHECK (\`quantity\` > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`;

describe('deferring secondary keys', () => {
  const keys = parseKeys('order_details', ORDER_DETAILS);

  it('takes the secondary and FULLTEXT indexes and the foreign keys, not the primary key or checks', () => {
    expect(keys.indexes).toEqual([
      'UNIQUE KEY `order_details_order_product_uq` (`order_id`,`product_id`)',
      'KEY `order_details_product_idx` (`product_id`)',
    ]);
    expect(keys.fulltext).toEqual([
      'FULLTEXT KEY `order_details_note_ft` (`note`)',
      'FULLTEXT KEY `order_details_note2_ft` (`note`)',
    ]);
    expect(keys.foreignKeys).toEqual([
      'CONSTRAINT `order_details_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]);
  });

  it('puts the indexes back in one ALTER, each FULLTEXT index in its own', () => {
    expect(indexStatements(keys, parseKeys('order_details', ''))).toEqual([
      'ALTER TABLE `order_details` ADD UNIQUE KEY `order_details_order_product_uq` (`order_id`,`product_id`), ADD KEY `order_details_product_idx` (`product_id`)',
      'ALTER TABLE `order_details` ADD FULLTEXT KEY `order_details_note_ft` (`note`)',
      'ALTER TABLE `order_details` ADD FULLTEXT KEY `order_details_note2_ft` (`note`)',
    ]);
  });

  it('leaves out what the table already has again (a restore after a failed one)', () => {
    const halfway = ORDER_DETAILS.split('\n')
      .filter((line) => !line.includes('order_details_product_idx') && !line.includes('note2_ft'))
      .join('\n');
    expect(indexStatements(keys, parseKeys('order_details', halfway))).toEqual([
      'ALTER TABLE `order_details` ADD KEY `order_details_product_idx` (`product_id`)',
      'ALTER TABLE `order_details` ADD FULLTEXT KEY `order_details_note2_ft` (`note`)',
    ]);
  });
});
