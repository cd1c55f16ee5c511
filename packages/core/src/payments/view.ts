import { type Database, schema } from '@stockpulse/db';
import type { DeclineCode, PaymentMethodSummary, RefundStatus } from '@stockpulse/shared';
import { asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/transaction';

type Reader = Database | Tx;

export interface RefundView {
  id: number;
  amountCents: number;
  status: RefundStatus;
  reason: string;
  createdAt: Date;
}

/**
 * What an order shows of its money (DESIGN §12): the latest attempt's card (brand, last
 * four, the decline code if it was declined) and its refunds, oldest first. Two index
 * reads (payments_order_idx, refunds_order_idx).
 */
export async function orderPaymentView(
  db: Reader,
  orderId: number,
): Promise<{ payment: PaymentMethodSummary | null; refunds: RefundView[] }> {
  const [attempts, refunds] = await Promise.all([
    db
      .select({
        brand: schema.payments.brand,
        last4: schema.payments.last4,
        declineCode: schema.payments.declineCode,
      })
      .from(schema.payments)
      .where(eq(schema.payments.orderId, orderId))
      .orderBy(desc(schema.payments.id))
      .limit(1),
    db
      .select({
        id: schema.refunds.id,
        amountCents: schema.refunds.amountCents,
        status: schema.refunds.status,
        reason: schema.refunds.reason,
        createdAt: schema.refunds.createdAt,
      })
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, orderId))
      .orderBy(asc(schema.refunds.id)),
  ]);
  const latest = attempts[0];
  return {
    payment: latest
      ? {
          brand: latest.brand,
          last4: latest.last4,
          declineCode: (latest.declineCode as DeclineCode | null) ?? null,
        }
      : null,
    refunds,
  };
}
