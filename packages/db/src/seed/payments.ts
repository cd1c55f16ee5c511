/**
 * The money and fulfilment side of the seeded orders (DESIGN §12), in the terms migration
 * 0016 gave an existing shop's orders: shipped and delivered orders shipped every unit
 * where it was allocated, and every order has the one payment attempt the simulated
 * provider would have left and the payment status that follows from it. The same SQL as
 * 0016's custom statements (copied verbatim; keep them in step), run once the orders are
 * written and their keys restored: four set-based statements, however many orders.
 */
export const SEED_PAYMENT_STATEMENTS: readonly string[] = [
  `UPDATE \`order_details\` d JOIN \`orders\` o ON o.\`id\` = d.\`order_id\` SET d.\`shipped_quantity\` = d.\`quantity\` WHERE o.\`status\` IN ('shipped', 'delivered');`,
  `UPDATE \`order_allocations\` a JOIN \`order_details\` d ON d.\`id\` = a.\`order_detail_id\` JOIN \`orders\` o ON o.\`id\` = d.\`order_id\` SET a.\`shipped_quantity\` = a.\`quantity\` WHERE o.\`status\` IN ('shipped', 'delivered');`,
  `INSERT INTO \`payments\` (\`order_id\`, \`provider\`, \`method_token\`, \`brand\`, \`last4\`, \`status\`, \`amount_cents\`, \`captured_cents\`, \`provider_ref\`, \`decline_code\`, \`created_at\`, \`updated_at\`) SELECT o.\`id\`, 'simulated', 'tok_legacy', 'visa', '4242', CASE WHEN o.\`status\` IN ('shipped', 'delivered') THEN 'captured' WHEN o.\`status\` = 'paid' THEN 'authorized' WHEN o.\`status\` = 'pending' THEN 'pending' WHEN o.\`cancel_reason\` = 'payment_failed' THEN 'declined' ELSE 'voided' END, o.\`total_cents\`, IF(o.\`status\` IN ('shipped', 'delivered'), o.\`total_cents\`, 0), IF(o.\`status\` IN ('paid', 'shipped', 'delivered'), CONCAT('sim_legacy_', o.\`id\`), NULL), IF(o.\`status\` = 'cancelled' AND o.\`cancel_reason\` = 'payment_failed', 'card_declined', NULL), o.\`created_at\`, o.\`updated_at\` FROM \`orders\` o ORDER BY o.\`id\`;`,
  `UPDATE \`orders\` SET \`payment_status\` = CASE \`status\` WHEN 'pending' THEN 'awaiting_payment' WHEN 'paid' THEN 'authorized' WHEN 'shipped' THEN 'paid' WHEN 'delivered' THEN 'paid' ELSE IF(\`cancel_reason\` = 'payment_failed', 'failed', 'voided') END;`,
];
