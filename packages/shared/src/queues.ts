import { z } from 'zod';

/**
 * The BullMQ contract (DESIGN §5): queue names, job names, payload schemas and job ids,
 * in one place so producers (the outbox relay, admin retries) and processors cannot
 * drift. Job ids are strings that are not integers and hold no `:` (BullMQ's rules), and
 * are derived from what the job is about, so a repeated enqueue is ignored.
 */
export const QUEUES = {
  orders: 'orders',
  restock: 'restock',
  imports: 'imports',
  payments: 'payments',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Authorize an order's payment. `paymentId` names the attempt (`orders.pay` makes a new
 * one); without it, the order's latest attempt.
 */
export const processOrderJob = z.object({
  orderId: z.number().int().positive(),
  paymentId: z.number().int().positive().optional(),
});
export type ProcessOrderJob = z.infer<typeof processOrderJob>;

export const receiveRestockJob = z.object({ restockId: z.number().int().positive() });
export type ReceiveRestockJob = z.infer<typeof receiveRestockJob>;

/** A catalog CSV import to run (`catalog_imports.id`): the row holds the file. */
export const runImportJob = z.object({ importId: z.number().int().positive() });
export type RunImportJob = z.infer<typeof runImportJob>;

/** The provider calls that follow an authorization (DESIGN §12), each idempotent. */
export const capturePaymentJob = z.object({ paymentId: z.number().int().positive() });
export type CapturePaymentJob = z.infer<typeof capturePaymentJob>;
export const voidPaymentJob = z.object({ paymentId: z.number().int().positive() });
export type VoidPaymentJob = z.infer<typeof voidPaymentJob>;
export const refundJob = z.object({ refundId: z.number().int().positive() });
export type RefundJob = z.infer<typeof refundJob>;

export const JOBS = {
  orders: { process: 'process' },
  restock: { scan: 'scan', receive: 'receive' },
  imports: { run: 'run' },
  payments: { capture: 'capture', void: 'void', refund: 'refund' },
} as const;

/** Every `orders` job id starts so (placement's stored procedure appends the order id). */
export const ORDER_JOB_ID_PREFIX = 'order-';
export const orderJobId = (orderId: number) => `${ORDER_JOB_ID_PREFIX}${orderId}`;
export const restockReceiveJobId = (restockId: number) => `restock-${restockId}`;
export const RESTOCK_SCAN_SCHEDULER_ID = 'restock-scan';
export const importJobId = (importId: number) => `import-${importId}`;
/** A payment attempt after the first (`orders.pay`): its own job, so it is not deduplicated away. */
export const paymentAttemptJobId = (orderId: number, paymentId: number) =>
  `${ORDER_JOB_ID_PREFIX}${orderId}-payment-${paymentId}`;
export const captureJobId = (paymentId: number) => `capture-${paymentId}`;
export const voidJobId = (paymentId: number) => `void-${paymentId}`;
export const refundJobId = (refundId: number) => `refund-${refundId}`;
