import { createHash } from 'node:crypto';
import { DEFAULT_LOCATION_ID } from '@stockpulse/shared';
import { productId } from './catalog';
import { addMovement, type SeedContext } from './context';
import { customerId } from './customers';
import type { OrderDraft } from './orders';
import { SEED_TABLES } from './tables';
import { sqlTime } from './time';

/** SHA-256 of the normalised request (items by product id), as the API stores it. */
function requestHash(order: OrderDraft): string {
  const items = order.lines.map((l) => ({ productId: productId(l.product), quantity: l.quantity }));
  return createHash('sha256').update(JSON.stringify({ items })).digest('hex');
}

/** One order: its row, lines, status history and the ledger rows of its stock. */
export function addOrder(ctx: SeedContext, order: OrderDraft): void {
  const { writer, catalog } = ctx;
  const customer = ctx.customers[order.customer]!;
  let total = 0;
  let items = 0;
  for (const line of order.lines) {
    total += line.quantity * catalog.priceCents[line.product]!;
    items += line.quantity;
  }
  const updatedAt = order.events[order.events.length - 1]!.at;
  ctx.rollups.add({
    placedAt: order.placedAt,
    status: order.status,
    totalCents: total,
    itemCount: items,
    lines: order.lines,
  });
  writer.add(SEED_TABLES.orders, [
    order.id,
    customerId(order.customer),
    order.status,
    total,
    items,
    customer.name,
    customer.line1,
    customer.line2,
    customer.city,
    customer.region,
    customer.postalCode,
    customer.country,
    order.idempotencyKey,
    requestHash(order),
    order.cancelReason,
    sqlTime(order.placedAt),
    sqlTime(updatedAt),
  ]);
  for (const line of order.lines) {
    ctx.ids.detail += 1;
    writer.add(SEED_TABLES.orderDetails, [
      ctx.ids.detail,
      order.id,
      productId(line.product),
      productId(line.product),
      line.quantity,
      catalog.priceCents[line.product]!,
    ]);
    writer.add(SEED_TABLES.orderAllocations, [ctx.ids.detail, DEFAULT_LOCATION_ID, line.quantity]);
  }
  for (const e of order.events) {
    ctx.ids.event += 1;
    writer.add(SEED_TABLES.orderEvents, [
      ctx.ids.event,
      order.id,
      e.from,
      e.to,
      e.actor,
      e.reason,
      sqlTime(e.at),
    ]);
  }
  // (No `...ref` spreads here: four million ledger rows, and a spread copies per row.)
  const refType = 'order';
  const refId = order.id;
  const shopper = order.events[0]!.actor;
  for (const { product, quantity } of order.lines) {
    addMovement(ctx, product, {
      refType,
      refId,
      reserved: quantity,
      reason: 'reserve',
      actor: shopper,
      at: order.placedAt,
    });
  }
  const settlement = order.settlement;
  if (!settlement) return;
  for (const { product, quantity } of order.lines) {
    if (settlement.kind === 'ship') {
      addMovement(ctx, product, {
        refType,
        refId,
        onHand: -quantity,
        reserved: -quantity,
        reason: 'ship',
        actor: settlement.actor,
        at: settlement.at,
      });
    } else {
      addMovement(ctx, product, {
        refType,
        refId,
        reserved: -quantity,
        reason: 'release',
        actor: settlement.actor,
        note: order.cancelReason,
        at: settlement.at,
      });
    }
  }
}

export async function writeOrders(ctx: SeedContext, history: Iterable<OrderDraft>): Promise<void> {
  let sinceReport = 0;
  for (const order of history) {
    addOrder(ctx, order);
    if (++sinceReport === 1000) {
      ctx.progress.advance(sinceReport);
      sinceReport = 0;
    }
    if (ctx.writer.full) await ctx.writer.flush();
  }
  ctx.progress.advance(sinceReport);
}
