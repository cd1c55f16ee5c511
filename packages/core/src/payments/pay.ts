import type { Database } from '@stockpulse/db';
import { schema } from '@stockpulse/db';
import { DomainError, JOBS, paymentAttemptJobId, QUEUES } from '@stockpulse/shared';
import { desc, eq } from 'drizzle-orm';
import { inTransaction } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from './activity';
import type { PaymentProvider } from './provider';
import { defaultTestCard } from './simulated';

export interface PayOrder {
  orderId: number;
  /** Only this customer's own order (another's is NOT_FOUND). */
  customerId: number;
  /** The token of `payments.tokenize`. */
  paymentMethod: string;
}

/**
 * `orders.pay` (DESIGN §12): pays a pending order again with another card after a decline
 * (or one awaiting payment with no attempt pending). A new `pending` attempt for the
 * order's total, payment_status `awaiting_payment`, and an `orders` job for that attempt
 * (`paymentAttemptJobId`), all in one transaction; the stock stays reserved throughout.
 * PAYMENT_NOT_DUE for an order not waiting for a payment; INVALID_PAYMENT_METHOD for a
 * token the provider never issued.
 */
export async function payOrder(db: Database, provider: PaymentProvider, input: PayOrder) {
  const card = await provider.describe(input.paymentMethod);
  return inTransaction(db, async (tx) => {
    const [order] = await tx
      .select({
        customerId: schema.orders.customerId,
        status: schema.orders.status,
        paymentStatus: schema.orders.paymentStatus,
        totalCents: schema.orders.totalCents,
      })
      .from(schema.orders)
      .where(eq(schema.orders.id, input.orderId))
      .for('update');
    if (!order || order.customerId !== input.customerId) {
      throw new DomainError('NOT_FOUND', `Order ${input.orderId} not found`);
    }
    const [latest] = await tx
      .select({ status: schema.payments.status })
      .from(schema.payments)
      .where(eq(schema.payments.orderId, input.orderId))
      .orderBy(desc(schema.payments.id))
      .limit(1)
      .for('update');
    const due =
      order.status === 'pending' &&
      (order.paymentStatus === 'failed' ||
        (order.paymentStatus === 'awaiting_payment' && latest?.status !== 'pending'));
    if (!due) {
      throw new DomainError(
        'PAYMENT_NOT_DUE',
        `Order ${input.orderId} is not waiting for a payment`,
        {
          status: order.status,
          paymentStatus: order.paymentStatus,
        },
      );
    }
    const now = new Date();
    const [inserted] = await tx.insert(schema.payments).values({
      orderId: input.orderId,
      provider: provider.name,
      methodToken: input.paymentMethod,
      brand: card.brand,
      last4: card.last4,
      status: 'pending',
      amountCents: order.totalCents,
      createdAt: now,
      updatedAt: now,
    });
    const paymentId = inserted.insertId;
    await tx
      .update(schema.orders)
      .set({ paymentStatus: 'awaiting_payment', updatedAt: now })
      .where(eq(schema.orders.id, input.orderId));
    await writeOutbox(tx, [
      {
        kind: 'job',
        topic: QUEUES.orders,
        payload: {
          name: JOBS.orders.process,
          jobId: paymentAttemptJobId(input.orderId, paymentId),
          data: { orderId: input.orderId, paymentId },
        },
      },
      orderActivity({
        orderId: input.orderId,
        customerId: order.customerId,
        kind: 'payment',
        status: order.status,
        paymentStatus: 'awaiting_payment',
        refId: paymentId,
        summary: `Paying again with ${card.brand} •••• ${card.last4}`,
        at: now,
      }),
    ]);
    return { orderId: input.orderId, paymentId, paymentStatus: 'awaiting_payment' as const };
  });
}

/**
 * The card an order is placed with, as placement records it: the token's brand and last
 * four from the provider; without a token, the default test card's (existing clients).
 */
export async function placementPaymentOf(provider: PaymentProvider, token?: string) {
  const method = token ?? (await provider.tokenize(defaultTestCard())).token;
  const card = await provider.describe(method);
  return { provider: provider.name, token: method, brand: card.brand, last4: card.last4 };
}
