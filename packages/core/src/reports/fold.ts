import { type Database, schema } from '@stockpulse/db';
import {
  PRODUCT_ROLLUP_GRAINS,
  type ProductRollupGrain,
  ROLLUP_GRAINS,
  type RollupGrain,
} from '@stockpulse/db/schema';
import {
  isRevenueStatus,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderSummary,
  type OrderUpdated,
} from '@stockpulse/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import type { OutboxRow } from '../outbox/publisher';
import { startOf } from './buckets';

/**
 * Folding committed order events into the rollups (schema/reports.ts), in the relay's
 * transaction that marks their outbox rows published: a row is marked once, so it is
 * counted once, and nothing on the checkout or payment path writes a shared row. The
 * rows to update are sorted, so two relay passes take their locks in the same order.
 */

/** An order leaving one status (null: it was just placed) for another. */
export interface StatusMove {
  orderId: number;
  from: OrderStatus | null;
  to: OrderStatus;
}

/** The order moves that the outbox rows describe, skipping those counted by a rebuild. */
export function statusMovesOf(rows: readonly OutboxRow[], foldedThrough: number): StatusMove[] {
  const moves: StatusMove[] = [];
  for (const row of rows) {
    if (row.id <= foldedThrough || row.kind !== 'event') continue;
    if (row.topic === 'order:created') {
      const order = JSON.parse(row.payload) as Partial<OrderSummary>;
      if (Number.isSafeInteger(order.id) && order.status) {
        moves.push({ orderId: order.id as number, from: null, to: order.status });
      }
    } else if (row.topic === 'order:updated') {
      const update = JSON.parse(row.payload) as Partial<OrderUpdated>;
      if (Number.isSafeInteger(update.orderId) && update.from && update.status) {
        moves.push({ orderId: update.orderId as number, from: update.from, to: update.status });
      }
    }
  }
  return moves;
}

const watermarks = new WeakMap<Database, Promise<number>>();

/**
 * Outbox rows up to this id were counted when the rollups were last rebuilt. It is set
 * only by a rebuild (migration, seed), which runs before the relay starts, so one read per
 * process is enough.
 */
export function foldedThrough(db: Database): Promise<number> {
  let known = watermarks.get(db);
  if (!known) {
    known = db
      .select({ id: schema.rollupState.foldedThroughOutboxId })
      .from(schema.rollupState)
      .where(eq(schema.rollupState.id, 1))
      .then(([row]) => row?.id ?? 0);
    known.catch(() => watermarks.delete(db));
    watermarks.set(db, known);
  }
  return known;
}

type Sums = { orders: number; revenueCents: number; units: number };

class Deltas<K extends string, V extends Record<string, number>> {
  readonly byKey = new Map<K, V>();
  constructor(private readonly zero: () => V) {}
  add(key: K, delta: V, sign: 1 | -1) {
    let sums = this.byKey.get(key);
    if (!sums) {
      sums = this.zero();
      this.byKey.set(key, sums);
    }
    for (const name of Object.keys(delta) as (keyof V)[]) {
      (sums[name] as number) += sign * (delta[name] as number);
    }
  }
  /** The changed keys in ascending order (the lock order), zero deltas dropped. */
  sorted(): [K, V][] {
    return [...this.byKey]
      .filter(([, sums]) => Object.values(sums).some((v) => v !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

export interface SalesDelta extends Sums {
  grain: RollupGrain;
  bucketStart: Date;
  status: OrderStatus;
}
export interface ProductSalesDelta {
  grain: ProductRollupGrain;
  bucketStart: Date;
  productId: number;
  units: number;
  revenueCents: number;
}
/** What folding some moves changes, each list in the order its rows are locked. */
export interface RollupDeltas {
  counts: { status: OrderStatus; orders: number }[];
  sales: SalesDelta[];
  products: ProductSalesDelta[];
}

/** Where the fold reads the orders and lines of the moves it adds up. */
export interface FoldSource {
  orders(
    ids: number[],
  ): Promise<{ id: number; createdAt: Date; totalCents: number; itemCount: number }[]>;
  lines(
    orderIds: number[],
  ): Promise<{ orderId: number; productId: number; quantity: number; unitPriceCents: number }[]>;
}

/** A `FoldSource` reading through drizzle (the relay's transaction). */
export function drizzleSource(tx: Tx | Database): FoldSource {
  const { orders, orderDetails } = schema;
  return {
    orders: (ids) =>
      tx
        .select({
          id: orders.id,
          createdAt: orders.createdAt,
          totalCents: orders.totalCents,
          itemCount: orders.itemCount,
        })
        .from(orders)
        .where(inArray(orders.id, ids)),
    lines: (ids) =>
      tx
        .select({
          orderId: orderDetails.orderId,
          productId: orderDetails.productId,
          quantity: orderDetails.quantity,
          unitPriceCents: orderDetails.unitPriceCents,
        })
        .from(orderDetails)
        .where(inArray(orderDetails.orderId, ids)),
  };
}

/** The rollup changes that `moves` make, from their orders and lines. */
export async function rollupDeltas(
  source: FoldSource,
  moves: readonly StatusMove[],
): Promise<RollupDeltas> {
  if (moves.length === 0) return { counts: [], sales: [], products: [] };
  const heads = await source.orders([...new Set(moves.map((m) => m.orderId))]);
  const byId = new Map(heads.map((o) => [o.id, o]));

  const crossesRevenue = (m: StatusMove) =>
    (m.from !== null && isRevenueStatus(m.from)) !== isRevenueStatus(m.to);
  const revenueOrders = [...new Set(moves.filter(crossesRevenue).map((m) => m.orderId))];
  const linesByOrder = new Map<number, { productId: number; quantity: number; cents: number }[]>();
  if (revenueOrders.length > 0) {
    for (const line of await source.lines(revenueOrders)) {
      const list = linesByOrder.get(line.orderId) ?? [];
      list.push({
        productId: line.productId,
        quantity: line.quantity,
        cents: line.quantity * line.unitPriceCents,
      });
      linesByOrder.set(line.orderId, list);
    }
  }

  const sales = new Deltas<string, Sums>(() => ({ orders: 0, revenueCents: 0, units: 0 }));
  const counts = new Deltas<OrderStatus, { orders: number }>(() => ({ orders: 0 }));
  const products = new Deltas<string, { units: number; revenueCents: number }>(() => ({
    units: 0,
    revenueCents: 0,
  }));
  for (const move of moves) {
    // Only our own transactions write these rows, with their order; a row naming no order
    // (hand-written, say) moves no figure rather than stopping the relay for good.
    const order = byId.get(move.orderId);
    if (!order) continue;
    const sums = { orders: 1, revenueCents: order.totalCents, units: order.itemCount };
    const place = (status: OrderStatus, sign: 1 | -1) => {
      counts.add(status, { orders: 1 }, sign);
      for (const grain of ROLLUP_GRAINS) {
        sales.add(
          `${grain}|${startOf(grain, order.createdAt).toISOString()}|${status}`,
          sums,
          sign,
        );
      }
    };
    if (move.from !== null) place(move.from, -1);
    place(move.to, 1);
    if (!crossesRevenue(move)) continue;
    const sign = isRevenueStatus(move.to) ? 1 : -1;
    for (const line of linesByOrder.get(move.orderId) ?? []) {
      for (const grain of PRODUCT_ROLLUP_GRAINS) {
        const at = startOf(grain, order.createdAt).toISOString();
        const key = `${grain}|${at}|${String(line.productId).padStart(20, '0')}`;
        products.add(key, { units: line.quantity, revenueCents: line.cents }, sign);
      }
    }
  }

  return {
    counts: counts.sorted().map(([status, d]) => ({ status, orders: d.orders })),
    sales: sales.sorted().map(([key, d]) => {
      const [grain, at, status] = key.split('|') as [RollupGrain, string, OrderStatus];
      return { grain, bucketStart: new Date(at), status, ...d };
    }),
    products: products.sorted().map(([key, d]) => {
      const [grain, at, productId] = key.split('|') as [ProductRollupGrain, string, string];
      return { grain, bucketStart: new Date(at), productId: Number(productId), ...d };
    }),
  };
}

/** A DATETIME literal of a whole-second UTC instant. */
const datetime = (at: Date) => `'${at.toISOString().slice(0, 19).replace('T', ' ')}'`;

/** An integer for SQL text; anything else is a bug, never spliced into a statement. */
function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`rollup delta ${n} is not an integer`);
  return n;
}

const isStatus = (s: string) => (ORDER_STATUSES as readonly string[]).includes(s);

/**
 * Adds `deltas` to the rollup rows (creating the missing ones): one multi-row upsert per
 * table. The statements are SQL text built here, not through Drizzle's builder, which
 * cost the relay about 0.1 ms of CPU per order for these few hundred rows a batch; every
 * value is an integer checked above, a date formatted here or an enum of our own.
 */
export async function applyRollupDeltas(tx: Tx, deltas: RollupDeltas): Promise<boolean> {
  const upsert = (table: string, columns: string, rows: string[], sums: string[]) =>
    tx.execute(
      sql.raw(
        `INSERT INTO ${table} (${columns}) VALUES ${rows.join(',')} ON DUPLICATE KEY UPDATE ${sums
          .map((c) => `${c} = ${c} + VALUES(${c})`)
          .join(', ')}`,
      ),
    );
  if (deltas.counts.length > 0) {
    await upsert(
      'order_status_counts',
      'status, orders',
      deltas.counts.map((d) => {
        if (!isStatus(d.status)) throw new Error(`unknown status ${d.status}`);
        return `('${d.status}',${int(d.orders)})`;
      }),
      ['orders'],
    );
  }
  if (deltas.sales.length > 0) {
    await upsert(
      'sales_rollup',
      'grain, bucket_start, status, orders, revenue_cents, units',
      deltas.sales.map((d) => {
        if (!isStatus(d.status) || !ROLLUP_GRAINS.includes(d.grain))
          throw new Error('bad sales delta');
        return `('${d.grain}',${datetime(d.bucketStart)},'${d.status}',${int(d.orders)},${int(d.revenueCents)},${int(d.units)})`;
      }),
      ['orders', 'revenue_cents', 'units'],
    );
  }
  if (deltas.products.length > 0) {
    await upsert(
      'product_sales_rollup',
      'grain, bucket_start, product_id, units, revenue_cents',
      deltas.products.map((d) => {
        if (!PRODUCT_ROLLUP_GRAINS.includes(d.grain)) throw new Error('bad product delta');
        return `('${d.grain}',${datetime(d.bucketStart)},${int(d.productId)},${int(d.units)},${int(d.revenueCents)})`;
      }),
      ['units', 'revenue_cents'],
    );
  }
  return deltas.counts.length + deltas.sales.length + deltas.products.length > 0;
}

/** Applies `moves` to the rollups inside `tx`. Returns whether any figure changed. */
export async function foldStatusMoves(tx: Tx, moves: readonly StatusMove[]): Promise<boolean> {
  if (moves.length === 0) return false;
  return applyRollupDeltas(tx, await rollupDeltas(drizzleSource(tx), moves));
}
