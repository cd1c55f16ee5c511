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
import { type Allocation, allocate, type LocationAvailable } from './allocate';

/**
 * What a placement decides, with no database: every refusal but stock, the prices and
 * totals, and every row and payload the placement will write that does not need the new
 * order's id (statements.ts sends them; `record_and_commit_order` adds the id).
 */

export interface PlaceOrder {
  customerId: number;
  customerName: string;
  /** Merged and sorted (`placeOrderInput` in packages/shared does both). */
  items: OrderLineInput[];
  idempotencyKey: string;
  expectedTotalCents?: number;
  shippingAddress?: ShippingAddress;
  /** The tokenized card (DESIGN §12); absent: the legacy token, which pays (DEFAULT_PLACEMENT_PAYMENT). */
  payment?: PlacementPayment;
}

/** The card an order is placed with: the provider's token, never the number (DESIGN §12). */
export interface PlacementPayment {
  provider: string;
  token: string;
  brand: string;
  last4: string;
}

/** What an order placed without a card pays with: the simulated provider's legacy token. */
export const DEFAULT_PLACEMENT_PAYMENT: PlacementPayment = {
  provider: 'simulated',
  token: 'tok_legacy',
  brand: 'visa',
  last4: '4242',
};

/**
 * A variant as an order needs it: its product and names, its price now, whether it is
 * still sold (the variant and its product), and what each location that fulfils online
 * orders has available (read without locks: the reservation's UPDATE is the guard).
 */
export interface VariantFacts {
  variantId: number;
  productId: number;
  name: string;
  /** "M / Red"; "" for a simple product's default variant. */
  variantTitle: string;
  priceCents: number;
  active: boolean;
  stock: LocationAvailable[];
}

/** A request line resolved to its variant. */
export interface ResolvedLine {
  variantId: number;
  quantity: number;
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
  /** The request's lines at today's prices, with their names, by variant id. */
  lines: OrderLineView[];
  totalCents: number;
  itemCount: number;
  /** Who places it: the order's first status event and its ledger rows say so. */
  actor: string;
  /** The `order:created` payload, but its `id`. */
  created: Omit<OrderSummary, 'id'>;
}

/** Where each line is reserved, and the rows that says so. */
export interface Reservation {
  /** Each line's allocations, in the plan's line order. */
  allocations: Allocation[][];
  /** What the reservation UPDATE adds to each (variant, location)'s `reserved`. */
  deltas: StockDelta[];
  /** The reservation's ledger rows; they refer to the order being recorded. */
  ledger: LedgerEntry[];
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
 * The request's lines as variants, merged and by variant id, or why not:
 * PRODUCT_UNAVAILABLE (unknown, archived or unsold, by name) or VARIANT_REQUIRED (a
 * product line for a product with several variants).
 */
export function resolveLines(
  items: readonly OrderLineInput[],
  variants: readonly VariantFacts[],
): ResolvedLine[] | DomainError {
  const byId = new Map(variants.map((variant) => [variant.variantId, variant]));
  const merged = new Map<number, number>();
  const unknown: OrderLineInput[] = [];
  const ambiguous: VariantFacts[][] = [];
  for (const line of items) {
    let variantId = line.variantId;
    if (variantId === undefined) {
      const ofProduct = variants.filter((variant) => variant.productId === line.productId);
      if (ofProduct.length > 1) ambiguous.push(ofProduct);
      variantId = ofProduct.length === 1 ? ofProduct[0]!.variantId : undefined;
    }
    if (variantId === undefined || !byId.has(variantId)) {
      if (!ambiguous.some((of) => of[0]?.productId === line.productId)) unknown.push(line);
      continue;
    }
    merged.set(variantId, (merged.get(variantId) ?? 0) + line.quantity);
  }
  if (ambiguous.length > 0) {
    return new DomainError(
      'VARIANT_REQUIRED',
      `Choose an option of ${ambiguous.map((of) => of[0]!.name).join(', ')}`,
      {
        items: ambiguous.map((of) => ({
          productId: of[0]!.productId,
          variantIds: of.map((variant) => variant.variantId),
        })),
      },
    );
  }
  const lines = [...merged]
    .map(([variantId, quantity]) => ({ variantId, quantity }))
    .sort((a, b) => a.variantId - b.variantId);
  const unsold = lines.filter((line) => !byId.get(line.variantId)!.active);
  if (unknown.length > 0 || unsold.length > 0) {
    const names = [
      ...unknown.map((line) => `#${line.variantId ?? line.productId}`),
      ...unsold.map((line) => displayName(byId.get(line.variantId)!)),
    ];
    return new DomainError('PRODUCT_UNAVAILABLE', `No longer sold: ${names.join(', ')}`, {
      items: [
        ...unknown.map((line) => ({
          productId: line.productId ?? null,
          variantId: line.variantId ?? null,
          name: null,
        })),
        ...unsold.map((line) => {
          const variant = byId.get(line.variantId)!;
          return {
            productId: variant.productId,
            variantId: variant.variantId,
            name: displayName(variant),
          };
        }),
      ],
    });
  }
  return lines;
}

/** "T-shirt (M / Red)", or the product's name for a default variant. */
export function displayName(variant: { name: string; variantTitle: string }): string {
  return variant.variantTitle ? `${variant.name} (${variant.variantTitle})` : variant.name;
}

/**
 * The placement of `request` on these variants at `at`, or why it is refused:
 * PRODUCT_UNAVAILABLE, VARIANT_REQUIRED, ORDER_TOO_LARGE, or PRICE_CHANGED (the total the
 * customer saw is not today's). Stock is `planReservation`'s.
 */
export function decidePlacement(
  request: PlaceOrder,
  address: ShippingAddress,
  variants: readonly VariantFacts[],
  at: Date,
): PlacementPlan | DomainError {
  const resolved = resolveLines(request.items, variants);
  if (resolved instanceof DomainError) return resolved;
  const byId = new Map(variants.map((variant) => [variant.variantId, variant]));
  const lines = resolved.map((line) => {
    const variant = byId.get(line.variantId)!;
    return {
      productId: variant.productId,
      variantId: variant.variantId,
      name: variant.name,
      variantTitle: variant.variantTitle,
      quantity: line.quantity,
      unitPriceCents: variant.priceCents,
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
  return {
    at,
    address,
    lines,
    totalCents,
    itemCount,
    actor,
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

/**
 * Where `plan`'s lines are reserved given this stock (`allocate`), as the UPDATE's deltas
 * and the ledger rows; null when the stock cannot cover some line.
 */
export function planReservation(
  plan: PlacementPlan,
  stock: ReadonlyMap<number, readonly LocationAvailable[]>,
): Reservation | null {
  const allocations = allocate(plan.lines, stock);
  if (!allocations) return null;
  const deltas = plan.lines.flatMap((line, i) =>
    allocations[i]!.map((allocation) => ({
      variantId: line.variantId,
      locationId: allocation.locationId,
      reserved: allocation.quantity,
    })),
  );
  return {
    allocations,
    deltas,
    ledger: ledgerEntries(deltas, { reason: 'reserve', refType: 'order', actor: plan.actor }),
  };
}

/** Each variant's stock by location, as `allocate` reads it. */
export function stockByVariant(
  variants: readonly VariantFacts[],
): Map<number, readonly LocationAvailable[]> {
  return new Map(variants.map((variant) => [variant.variantId, variant.stock]));
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
  variantId: number;
  name: string;
  requested: number;
  available: number;
}

/** The lines `stock` (each variant's available over the online locations) cannot cover. */
export function shortLines(
  lines: readonly {
    productId: number;
    variantId: number;
    name: string;
    variantTitle: string;
    quantity: number;
  }[],
  available: ReadonlyMap<number, number>,
): ShortLine[] {
  return lines
    .map((line) => ({
      productId: line.productId,
      variantId: line.variantId,
      name: displayName(line),
      requested: line.quantity,
      available: available.get(line.variantId) ?? 0,
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
