import type { ImportCounts, ImportStatus } from './imports';
import type { RestockStatus, TransferStatus } from './inventory';
import type { OrderStatus } from './order-status';
import type { PaymentStatus } from './payments';
import type { ProductPhoto } from './product-image';

/**
 * The Socket.IO contract (DESIGN §6), used by the server, the worker's emitter and both
 * clients. Every payload is plain JSON: dates travel as ISO strings.
 */
/** One location's row of a variant's stock (DESIGN §11). */
export interface LocationStock {
  locationId: number;
  available: number;
  onHand: number;
  reserved: number;
  incoming: number;
  damaged: number;
  qualityControl: number;
  safetyStock: number;
}

/**
 * A variant's stock after a change (DESIGN §11), built by one database function for every
 * stock change (migrations/0011 `inventory_changed_payload`). `available` is what a shopper
 * can buy: the variant's available over the active locations that fulfil online orders;
 * `onHand`, `reserved`, `incoming` and `unavailable` are its totals over every location;
 * `productAvailable` is the product's available (all its variants) the same way.
 */
export interface InventoryChanged {
  productId: number;
  variantId: number;
  available: number;
  onHand: number;
  reserved: number;
  incoming: number;
  /** Damaged, in quality control and safety stock, together. */
  unavailable: number;
  productAvailable: number;
  /**
   * The product's stock version: +1 with every stock change of any of its variants, read
   * under the same lock as the figures. A client drops an event older than what it holds;
   * events of one change (several variants of one product) share it.
   */
  version: number;
  /** Each location's row, in no order. Staff only: the product room's copy leaves it out. */
  locations?: LocationStock[];
}

/** The copy of `inventory:changed` a shopper's product room hears: no per-location rows. */
export function publicInventoryChanged(event: InventoryChanged): InventoryChanged {
  const { locations: _staffOnly, ...rest } = event;
  return rest;
}

export interface OrderSummary {
  id: number;
  customerId: number;
  customerName: string;
  status: OrderStatus;
  totalCents: number;
  itemCount: number;
  createdAt: string;
}

export interface OrderUpdated {
  orderId: number;
  customerId: number;
  from: OrderStatus;
  status: OrderStatus;
  reason: string | null;
  at: string;
}

/**
 * Something happened to an order besides a status change (DESIGN §12): a payment attempt
 * was authorized, declined, captured or voided, a parcel shipped, lines were cancelled, a
 * return moved on, a refund was asked for or done. Staff and the order's customer hear it
 * and refetch what they show of the order; `status` and `paymentStatus` are the order's
 * after the change, so a list can patch its row without a refetch.
 */
export const ORDER_ACTIVITY_KINDS = [
  'payment',
  'shipment',
  'lines_cancelled',
  'return',
  'refund',
] as const;
export type OrderActivityKind = (typeof ORDER_ACTIVITY_KINDS)[number];
export interface OrderActivity {
  orderId: number;
  customerId: number;
  kind: OrderActivityKind;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  /** The row the activity is about: payments.id, shipments.id, returns.id, refunds.id. */
  refId: number | null;
  /** A short line for a feed, e.g. `Shipped 2 items with UPS`. */
  summary: string;
  at: string;
}

export interface RestockUpdated {
  id: number;
  productId: number;
  variantId: number;
  locationId: number;
  quantity: number;
  status: RestockStatus;
  eta: string | null;
  at: string;
}

/**
 * A product's public details after an admin changed them (price, name, picture…) or
 * archived it (`active: false`): what an open product page or catalog card shows.
 * `imageUrl` is the one the catalog serves (the first photo, else the generated picture);
 * `images` are the staff's photos in order (an upload, a reorder, new alt text).
 */
export interface ProductUpdated {
  productId: number;
  name: string;
  description: string;
  category: string;
  priceCents: number;
  imageUrl: string;
  images: ProductPhoto[];
  active: boolean;
  at: string;
}

/** A transfer between locations was created or moved on (admin only). */
export interface TransferUpdated {
  id: number;
  fromLocationId: number;
  toLocationId: number;
  status: TransferStatus;
  at: string;
}

/** Committed sales figures or order counts changed (admin only; carries no figures). */
export interface SalesChanged {
  at: string;
}

/**
 * A catalog CSV import moved on (admin only): written every few hundred rows and when it
 * ends (`done` or `failed`), so the console shows a live progress bar.
 */
export interface ImportProgress extends ImportCounts {
  id: number;
  status: ImportStatus;
}

export interface ServerToClientEvents {
  'inventory:changed': (event: InventoryChanged) => void;
  'order:created': (event: OrderSummary) => void;
  'order:updated': (event: OrderUpdated) => void;
  'order:activity': (event: OrderActivity) => void;
  'restock:updated': (event: RestockUpdated) => void;
  'sales:changed': (event: SalesChanged) => void;
  'product:updated': (event: ProductUpdated) => void;
  'transfer:updated': (event: TransferUpdated) => void;
  'import:progress': (event: ImportProgress) => void;
}

export type WatchAck = (
  answer: { ok: true; watching: number } | { ok: false; error: string },
) => void;

export interface ClientToServerEvents {
  'inventory:watch': (productIds: number[], ack?: WatchAck) => void;
  'inventory:unwatch': (productIds: number[], ack?: WatchAck) => void;
}

export type EventName = keyof ServerToClientEvents;
export type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export const ROOMS = {
  admin: 'admin',
  customer: (customerId: number) => `customer:${customerId}`,
  product: (productId: number) => `product:${productId}`,
} as const;

/** Who hears an event: the one routing table for the relay and the server alike. */
export function roomsFor<E extends EventName>(event: E, payload: EventPayload<E>): string[] {
  switch (event) {
    case 'inventory:changed':
      return [ROOMS.product((payload as InventoryChanged).productId), ROOMS.admin];
    // The storefront's watchers only: the console reads products through its own queries.
    case 'product:updated':
      return [ROOMS.product((payload as ProductUpdated).productId)];
    case 'order:created':
      return [ROOMS.admin, ROOMS.customer((payload as OrderSummary).customerId)];
    case 'order:updated':
      return [ROOMS.admin, ROOMS.customer((payload as OrderUpdated).customerId)];
    case 'order:activity':
      return [ROOMS.admin, ROOMS.customer((payload as OrderActivity).customerId)];
    // Staff only: a file's progress says nothing a shopper may hear.
    case 'import:progress':
      return [ROOMS.admin];
    default:
      return [ROOMS.admin];
  }
}

/** One emit: these rooms hear this payload. */
export interface Delivery<E extends EventName> {
  rooms: string[];
  payload: EventPayload<E>;
}

/**
 * Who hears an event, and which copy: `roomsFor`, but a stock change reaches the product's
 * room without its per-location rows (`publicInventoryChanged`) and staff with them.
 */
export function deliveriesFor<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
): Delivery<E>[] {
  if (event !== 'inventory:changed') return [{ rooms: roomsFor(event, payload), payload }];
  const change = payload as InventoryChanged;
  return [
    {
      rooms: [ROOMS.product(change.productId)],
      payload: publicInventoryChanged(change) as EventPayload<E>,
    },
    { rooms: [ROOMS.admin], payload },
  ];
}
