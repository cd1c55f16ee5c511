import { z } from 'zod';
import { countryField } from './countries';

/**
 * The order-placement contract, browser-safe: the storefront validates its checkout with
 * the same schemas the API enforces.
 */
export const ORDER_LIMITS = {
  maxLines: 50,
  maxQuantity: 999,
  /** The largest order total: fits `orders.total_cents` (INT UNSIGNED) with room to spare. */
  maxTotalCents: 2_000_000_000,
} as const;

export const shippingAddressSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  line1: z.string().trim().min(1).max(120),
  line2: z.string().trim().max(120).nullish(),
  city: z.string().trim().min(1).max(80),
  region: z.string().trim().max(80).nullish(),
  postalCode: z.string().trim().min(1).max(20),
  country: countryField,
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

const rowId = z
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1);

/**
 * One line: a variant (DESIGN §11), or a product that has exactly one variant (a simple
 * product; the placement refuses a product with several with VARIANT_REQUIRED).
 */
const orderLine = z
  .strictObject({
    variantId: rowId.optional(),
    productId: rowId.optional(),
    quantity: z.number().int().min(1).max(ORDER_LIMITS.maxQuantity),
  })
  .refine((line) => (line.variantId === undefined) !== (line.productId === undefined), {
    message: 'name either a variantId or a productId, not both',
  });
export type OrderLineInput = z.infer<typeof orderLine>;

/** A line's key: what two lines must share to be one. */
const lineKey = (line: OrderLineInput) =>
  line.variantId === undefined ? `p${line.productId}` : `v${line.variantId}`;

/**
 * Merges repeated lines and sorts them: variants by id, then products by id. The placement
 * merges again once products are resolved to their variants.
 */
export function mergeOrderLines(lines: readonly OrderLineInput[]): OrderLineInput[] {
  const merged = new Map<string, OrderLineInput>();
  for (const line of lines) {
    const key = lineKey(line);
    const earlier = merged.get(key);
    merged.set(key, { ...line, quantity: (earlier?.quantity ?? 0) + line.quantity });
  }
  const rank = (line: OrderLineInput) => (line.variantId === undefined ? 1 : 0);
  return [...merged.values()].sort(
    (a, b) =>
      rank(a) - rank(b) || (a.variantId ?? a.productId ?? 0) - (b.variantId ?? b.productId ?? 0),
  );
}

const mergedLine = z.object({
  variantId: rowId.optional(),
  productId: rowId.optional(),
  quantity: z
    .number()
    .max(ORDER_LIMITS.maxQuantity, `at most ${ORDER_LIMITS.maxQuantity} of one item`),
});

export const placeOrderInput = z.strictObject({
  items: z
    .array(orderLine)
    .min(1, 'an order needs at least one line')
    .max(ORDER_LIMITS.maxLines * 4)
    .transform(mergeOrderLines)
    .pipe(
      z
        .array(mergedLine)
        .max(ORDER_LIMITS.maxLines, `at most ${ORDER_LIMITS.maxLines} different items`),
    ),
  /** One per checkout attempt: a retry or a double click sends the same key. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8 to 64 letters, digits, _ or -'),
  /** The total the customer saw; if prices moved since, the order is refused. */
  expectedTotalCents: z.number().int().min(0).max(ORDER_LIMITS.maxTotalCents).optional(),
  shippingAddress: shippingAddressSchema.optional(),
  /** The token of `payments.tokenize` (DESIGN §12); absent: the default test card. */
  paymentMethod: z.string().trim().min(1).max(255).optional(),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;
