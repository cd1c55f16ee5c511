import {
  DomainError,
  ORDER_LIMITS,
  type OrderLineInput,
  type OrderSummary,
  type ShippingAddress,
} from '@stockpulse/shared';
import { actorOf } from '../../actors';
import { type LedgerEntry, ledgerEntries, type StockDelta } from '../../inventory/stock';
import type { OrderLineView, OrderView } from '../queries';

/**
 * What a placement decides, with no database: every refusal but stock, the prices and
 * totals, and every row and payload the placement will write that does not need the new
 * order's id (statements.ts sends them; `record_and_commit_order` adds the id).
 */

export interface PlaceOrder {
  customerId: number;
  customerName: string;
  /** Merged and sorted by product id (`placeOrderInput` in packages/shared does both). */
  items: OrderLineInput[];
  idempotencyKey: string;
  expectedTotalCents?: number;
  shippingAddress?: ShippingAddress;
}

/** A product as an order needs it: its name, its price now, and whether it is still sold. */
export interface ProductFacts {
  id: number;
  name: string;
  priceCents: number;
  active: boolean;
}

/** The address saved on the customer's account (any part may be missing). */
export interface SavedAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

/** An order this customer placed earlier with the same idempotency key. */
export interface EarlierOrder {
  id: number;
  requestHash: string;
}

/** Everything a placement writes, but the order's id. */
export interface PlacementPlan {
  at: Date;
  address: ShippingAddress;
  /** The request's lines at today's prices, with the products' names, by product id. */
  lines: OrderLineView[];
  totalCents: number;
  itemCount: number;
  /** Who places it: the order's first status event and its ledger rows say so. */
  actor: string;
  /** What the reservation UPDATE adds to each product's `reserved`. */
  reservation: StockDelta[];
  /** The reservation's ledger rows; they refer to the order being recorded. */
  ledger: LedgerEntry[];
  /** The `order:created` payload, but its `id`. */
  created: Omit<OrderSummary, 'id'>;
}

/** The address to ship to: the request's, else the account's, else SHIPPING_ADDRESS_REQUIRED. */
export function shippingAddressOf(
  request: PlaceOrder,
  saved: SavedAddress | undefined,
): ShippingAddress | DomainError {
  if (request.shippingAddress) return request.shippingAddress;
  if (!saved?.line1 || !saved.city || !saved.postalCode || !saved.country) {
    return new DomainError(
      'SHIPPING_ADDRESS_REQUIRED',
      'Add a shipping address to the order or to your account',
    );
  }
  return {
    name: request.customerName,
    line1: saved.line1,
    line2: saved.line2,
    city: saved.city,
    region: saved.region,
    postalCode: saved.postalCode,
    country: saved.country,
  } satisfies ShippingAddress;
}

/**
 * The placement of `request` on these products at `at`, or why it is refused:
 * PRODUCT_UNAVAILABLE (archived or unknown products, by name), ORDER_TOO_LARGE, or
 * PRICE_CHANGED (the total the customer saw is not today's).
 */
export function decidePlacement(
  request: PlaceOrder,
  address: ShippingAddress,
  products: readonly ProductFacts[],
  at: Date,
): PlacementPlan | DomainError {
  const { items } = request;
  const byId = new Map(products.map((product) => [product.id, product]));
  const unavailable = items.filter((line) => !byId.get(line.productId)?.active);
  if (unavailable.length > 0) {
    const names = unavailable.map((line) => byId.get(line.productId)?.name ?? `#${line.productId}`);
    return new DomainError('PRODUCT_UNAVAILABLE', `No longer sold: ${names.join(', ')}`, {
      items: unavailable.map((line) => ({
        productId: line.productId,
        name: byId.get(line.productId)?.name ?? null,
      })),
    });
  }
  const lines = items.map((line) => {
    const product = byId.get(line.productId)!;
    return {
      productId: line.productId,
      name: product.name,
      quantity: line.quantity,
      unitPriceCents: product.priceCents,
    };
  });
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (totalCents > ORDER_LIMITS.maxTotalCents) {
    return new DomainError('ORDER_TOO_LARGE', 'This order is larger than one order may be', {
      totalCents,
      maxTotalCents: ORDER_LIMITS.maxTotalCents,
    });
  }
  if (request.expectedTotalCents !== undefined && request.expectedTotalCents !== totalCents) {
    return new DomainError('PRICE_CHANGED', 'Prices changed since you saw this order', {
      expectedTotalCents: request.expectedTotalCents,
      totalCents,
    });
  }
  const actor = actorOf('customer', request.customerId);
  const reservation = items.map((line) => ({ productId: line.productId, reserved: line.quantity }));
  return {
    at,
    address,
    lines,
    totalCents,
    itemCount,
    actor,
    reservation,
    ledger: ledgerEntries(reservation, { reason: 'reserve', refType: 'order', actor }),
    created: {
      customerId: request.customerId,
      customerName: request.customerName,
      status: 'pending',
      totalCents,
      itemCount,
      createdAt: at.toISOString(),
    },
  };
}

/** The order `plan` became once recorded as `orderId`, as `getOrder` would read it. */
export function placedOrderView(plan: PlacementPlan, orderId: number): OrderView {
  return {
    id: orderId,
    ...plan.created,
    cancelReason: null,
    createdAt: plan.at,
    updatedAt: plan.at,
    shippingAddress: plan.address,
    lines: plan.lines,
  };
}

/** A line the stock cannot cover, with what is left. */
export interface ShortLine {
  productId: number;
  name: string;
  requested: number;
  available: number;
}

/** The lines `stock` cannot cover now (unknown products count as none left). */
export function shortLines(
  items: readonly OrderLineInput[],
  stock: readonly { id: number; name: string; available: number | null }[],
): ShortLine[] {
  const byId = new Map(stock.map((row) => [row.id, row]));
  return items
    .map((line) => ({
      productId: line.productId,
      name: byId.get(line.productId)?.name ?? `#${line.productId}`,
      requested: line.quantity,
      available: byId.get(line.productId)?.available ?? 0,
    }))
    .filter((line) => line.available < line.requested);
}

export function outOfStock(short: readonly ShortLine[]): DomainError {
  return new DomainError(
    'OUT_OF_STOCK',
    `Not enough stock: ${short.map((line) => `${line.name} (${line.available} left)`).join(', ')}`,
    { items: short },
  );
}

/** IDEMPOTENCY_KEY_REUSED when the earlier order with this key was a different request. */
export function keyReused(earlier: EarlierOrder, requestHash: string): DomainError | null {
  if (earlier.requestHash === requestHash) return null;
  return new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    'This idempotency key was already used for a different order',
    { orderId: earlier.id },
  );
}
