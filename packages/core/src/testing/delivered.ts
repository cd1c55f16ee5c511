import { schema } from '@stockpulse/db';
import { and, eq, sql } from 'drizzle-orm';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';
import type { World } from './world';

let keys = 0;

/**
 * Marks an order's units shipped where `transitionOrder` did not already (until the
 * shipments work sets `shipped_quantity` itself): lines and allocations with nothing
 * shipped get everything not cancelled. Test-only.
 */
export async function markShipped(world: World, orderId: number) {
  await world.db.execute(sql`
    UPDATE order_allocations a JOIN order_details d ON d.id = a.order_detail_id
    SET a.shipped_quantity = a.quantity - a.cancelled_quantity
    WHERE d.order_id = ${orderId} AND a.shipped_quantity = 0`);
  await world.db.execute(sql`
    UPDATE order_details SET shipped_quantity = quantity - cancelled_quantity
    WHERE order_id = ${orderId} AND shipped_quantity = 0`);
}

/**
 * Captures the order's payment (its latest payment row, or a new one when the order has
 * none): `captured` for the order's total, so refunds have something to give back.
 */
export async function markCaptured(world: World, orderId: number, capturedCents?: number) {
  const [order] = await world.db
    .select({ totalCents: schema.orders.totalCents })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId));
  const cents = capturedCents ?? order!.totalCents;
  const [payment] = await world.db
    .select({ id: schema.payments.id })
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId))
    .orderBy(sql`${schema.payments.id} DESC`)
    .limit(1);
  if (payment) {
    await world.db
      .update(schema.payments)
      .set({ status: 'captured', amountCents: order!.totalCents, capturedCents: cents })
      .where(and(eq(schema.payments.id, payment.id)));
  } else {
    await world.db.insert(schema.payments).values({
      orderId,
      provider: 'simulated',
      methodToken: `tok_test_${orderId}`,
      brand: 'visa',
      last4: '4242',
      status: 'captured',
      amountCents: order!.totalCents,
      capturedCents: cents,
    });
  }
  await world.db
    .update(schema.orders)
    .set({ paymentStatus: 'paid' })
    .where(eq(schema.orders.id, orderId));
}

/**
 * A delivered order of a new customer: placed, paid, shipped (units marked shipped) and
 * delivered through the state machine, its payment captured. `deliveredDaysAgo` moves the
 * delivery event back in time (for the return window).
 */
export async function deliveredOrder(
  world: World,
  items: { productId: number; quantity: number }[],
  options: { deliveredDaysAgo?: number; customer?: { id: number; name: string } } = {},
) {
  const customer = options.customer ?? (await world.addCustomer());
  const { order } = await placeOrder(world.db, {
    customerId: customer.id,
    customerName: customer.name,
    items,
    idempotencyKey: `delivered-${process.pid}-${++keys}-${Date.now()}`,
  });
  for (const to of ['paid', 'shipped', 'delivered'] as const) {
    await transitionOrder(world.db, { orderId: order.id, to, actor: 'admin:1' });
  }
  await markShipped(world, order.id);
  await markCaptured(world, order.id);
  if (options.deliveredDaysAgo) {
    await world.db.execute(sql`
      UPDATE order_events SET created_at = UTC_TIMESTAMP(3) - INTERVAL ${options.deliveredDaysAgo * 24 * 60} MINUTE
      WHERE order_id = ${order.id} AND to_status = 'delivered'`);
  }
  const lines = await world.db
    .select({
      id: schema.orderDetails.id,
      productId: schema.orderDetails.productId,
      variantId: schema.orderDetails.variantId,
      quantity: schema.orderDetails.quantity,
      unitPriceCents: schema.orderDetails.unitPriceCents,
    })
    .from(schema.orderDetails)
    .where(eq(schema.orderDetails.orderId, order.id))
    .orderBy(schema.orderDetails.productId);
  return { orderId: order.id, customer, lines };
}
