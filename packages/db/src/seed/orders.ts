import { actorOf, type OrderStatus } from '@stockpulse/shared';
import type { Catalog } from './catalog';
import { ADMIN_USER_ID, customerId } from './customers';
import { Rng, UUID_DRAWS, ZipfSampler } from './prng';
import type { OrderSchedule } from './rhythm';
import { DAY, HOUR, MINUTE } from './time';

export interface OrderLine {
  /** Product index (id − 1). */
  product: number;
  quantity: number;
}

export interface OrderEvent {
  from: OrderStatus | null;
  to: OrderStatus;
  at: number;
  actor: string;
  reason: string | null;
}

/** One historical order with its whole life: lines, status history and stock effect. */
export interface OrderDraft {
  id: number;
  /** Customer index (id − 2). */
  customer: number;
  placedAt: number;
  lines: OrderLine[];
  status: OrderStatus;
  events: OrderEvent[];
  cancelReason: string | null;
  /** What finally happened to the reservation, and when (null while still reserved). */
  settlement: { kind: 'ship' | 'release'; at: number; actor: string } | null;
  idempotencyKey: string;
}

export interface OrderStreamInput {
  seed: number;
  schedule: OrderSchedule;
  catalog: Catalog;
  customers: number;
  /** Every event happens before this instant. */
  now: number;
}

const LINE_COUNT_WEIGHTS = [45, 30, 15, 10];
const ADMIN = actorOf('admin', ADMIN_USER_ID);

function quantityFor(rng: Rng, priceCents: number): number {
  if (priceCents < 1500) return [1, 2, 3, 4, 6][rng.weighted([50, 25, 12, 8, 5])]!;
  if (priceCents < 5000) return [1, 2, 3][rng.weighted([75, 18, 7])]!;
  return rng.chance(0.92) ? 1 : 2;
}

/** A delay after `from` that still ends before `now`. */
function after(from: number, delay: number, now: number): number {
  return Math.floor(from + Math.min(delay, (now - from) * 0.9));
}

/**
 * The order history, in placement order, drawn from its own PRNG stream: iterating it
 * twice gives the same orders, which lets the seed plan stock in a first pass and write
 * rows in a second without holding a million orders in memory.
 */
export class OrderHistory {
  private readonly products: ZipfSampler;
  private readonly shoppers: ZipfSampler;

  constructor(private readonly input: OrderStreamInput) {
    const rng = new Rng(input.seed, 'popularity');
    this.products = new ZipfSampler(rng.permutation(input.catalog.count), 1);
    const order = rng.permutation(input.customers);
    this.shoppers = new ZipfSampler(order, 0.6);
  }

  [Symbol.iterator](): Generator<OrderDraft> {
    return this.orders({ keys: true });
  }

  /**
   * The orders; without `keys` their idempotency keys are left empty (the planning pass
   * needs none: the key's four draws are still taken, so every later draw is the same).
   */
  *orders({ keys }: { keys: boolean }): Generator<OrderDraft> {
    const { schedule, catalog, now } = this.input;
    const rng = new Rng(this.input.seed, 'orders');
    const times: number[] = [];
    let id = 0;
    for (let slot = 0; slot < schedule.counts.length; slot++) {
      const from = schedule.start + slot * HOUR;
      const to = Math.min(from + HOUR, schedule.end);
      times.length = 0;
      for (let k = 0; k < schedule.counts[slot]!; k++) {
        times.push(Math.floor(rng.between(from, to)));
      }
      times.sort((a, b) => a - b);
      for (const placedAt of times) {
        id += 1;
        const customer = this.shoppers.sample(rng);
        const lines = this.lines(rng, catalog);
        yield {
          id,
          customer,
          placedAt,
          lines,
          ...this.life(rng, customer, placedAt, now),
          idempotencyKey: keys ? rng.uuid() : rng.skip(UUID_DRAWS),
        };
      }
    }
  }

  private lines(rng: Rng, catalog: Catalog): OrderLine[] {
    const wanted = Math.min(catalog.count, 1 + rng.weighted(LINE_COUNT_WEIGHTS));
    const lines: OrderLine[] = [];
    for (let attempt = 0; lines.length < wanted && attempt < wanted * 8; attempt++) {
      const product = this.products.sample(rng);
      if (lines.some((l) => l.product === product)) continue;
      lines.push({ product, quantity: quantityFor(rng, catalog.priceCents[product]!) });
    }
    return lines.sort((a, b) => a.product - b.product);
  }

  /** Status history: ~93% paid then shipped and delivered (as far as time allows), ~7% cancelled. */
  private life(rng: Rng, customer: number, placedAt: number, now: number) {
    const shopper = actorOf('customer', customerId(customer));
    const events: OrderEvent[] = [
      { from: null, to: 'pending', at: placedAt, actor: shopper, reason: null },
    ];
    const cancel = (from: OrderStatus, at: number, actor: string, reason: string) => {
      events.push({ from, to: 'cancelled', at, actor, reason });
      return {
        status: 'cancelled' as OrderStatus,
        events,
        cancelReason: reason,
        settlement: { kind: 'release' as const, at, actor },
      };
    };
    const fate = rng.next();
    const paymentAt = after(placedAt, rng.between(2_000, 90_000), now);
    if (fate < 0.028) return cancel('pending', paymentAt, actorOf('worker'), 'payment_failed');
    if (fate < 0.033) {
      const expiredAt = after(placedAt, rng.between(15, 30) * MINUTE, now);
      return cancel('pending', expiredAt, actorOf('worker'), 'expired');
    }
    events.push({
      from: 'pending',
      to: 'paid',
      at: paymentAt,
      actor: actorOf('worker'),
      reason: null,
    });
    if (fate < 0.063) {
      return cancel(
        'paid',
        after(paymentAt, rng.between(10 * MINUTE, 10 * HOUR), now),
        shopper,
        'customer_request',
      );
    }
    if (fate < 0.07) {
      const reason = rng.chance(0.5) ? 'address_unverifiable' : 'out_of_stock';
      return cancel('paid', after(paymentAt, rng.between(1 * HOUR, 20 * HOUR), now), ADMIN, reason);
    }
    const shippedAt = Math.floor(paymentAt + rng.between(3 * HOUR, 30 * HOUR));
    const deliveredAt = Math.floor(shippedAt + rng.between(16 * HOUR, 2.5 * DAY));
    if (shippedAt >= now) {
      return { status: 'paid' as OrderStatus, events, cancelReason: null, settlement: null };
    }
    events.push({ from: 'paid', to: 'shipped', at: shippedAt, actor: ADMIN, reason: null });
    const settlement = { kind: 'ship' as const, at: shippedAt, actor: ADMIN };
    if (deliveredAt >= now) {
      return { status: 'shipped' as OrderStatus, events, cancelReason: null, settlement };
    }
    events.push({ from: 'shipped', to: 'delivered', at: deliveredAt, actor: ADMIN, reason: null });
    return { status: 'delivered' as OrderStatus, events, cancelReason: null, settlement };
  }
}
