import type { RestockStatus } from './inventory';
import type { OrderStatus } from './order-status';
import type { ProductPhoto } from './product-image';

/**
 * The Socket.IO contract (DESIGN §6), used by the server, the worker's emitter and both
 * clients. Every payload is plain JSON: dates travel as ISO strings.
 */
export interface InventoryChanged {
  productId: number;
  available: number;
  onHand: number;
  reserved: number;
  incoming: number;
  /** +1 on every change; a client drops an event older than what it holds. */
  version: number;
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

export interface RestockUpdated {
  id: number;
  productId: number;
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

/** Committed sales figures or order counts changed (admin only; carries no figures). */
export interface SalesChanged {
  at: string;
}

export interface ServerToClientEvents {
  'inventory:changed': (event: InventoryChanged) => void;
  'order:created': (event: OrderSummary) => void;
  'order:updated': (event: OrderUpdated) => void;
  'restock:updated': (event: RestockUpdated) => void;
  'sales:changed': (event: SalesChanged) => void;
  'product:updated': (event: ProductUpdated) => void;
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
    default:
      return [ROOMS.admin];
  }
}
