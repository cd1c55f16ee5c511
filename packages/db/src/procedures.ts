import type { Pool, RowDataPacket } from 'mysql2/promise';

/**
 * Typed callers for the stored procedures of migrations/0001_procedures.sql. mysql2
 * answers a CALL with one array per result set followed by an OK packet.
 */

export type SalesBucket = 'hour' | 'day';

export interface SalesSeriesRow {
  bucketStart: Date;
  orders: number;
  revenueCents: number;
  units: number;
}

export interface SalesTotals {
  orders: number;
  revenueCents: number;
  units: number;
  averageOrderCents: number;
  cancelledOrders: number;
}

export interface TopProductRow {
  productId: number;
  sku: string;
  name: string;
  units: number;
  revenueCents: number;
}

export interface SalesReport {
  series: SalesSeriesRow[];
  totals: SalesTotals;
  topProducts: TopProductRow[];
}

export async function callSalesReport(
  pool: Pool,
  input: { from: Date; to: Date; bucket: SalesBucket; top: number },
): Promise<SalesReport> {
  const [sets] = await pool.query<RowDataPacket[][]>('CALL sales_report(?, ?, ?, ?)', [
    input.from,
    input.to,
    input.bucket,
    input.top,
  ]);
  const [series = [], [totals] = [], top = []] = sets;
  return {
    series: series.map((row) => ({
      bucketStart: row.bucket_start,
      orders: Number(row.orders),
      revenueCents: Number(row.revenue_cents),
      units: Number(row.units),
    })),
    totals: {
      orders: Number(totals?.orders ?? 0),
      revenueCents: Number(totals?.revenue_cents ?? 0),
      units: Number(totals?.units ?? 0),
      averageOrderCents: Number(totals?.average_order_cents ?? 0),
      cancelledOrders: Number(totals?.cancelled_orders ?? 0),
    },
    topProducts: top.map((row) => ({
      productId: Number(row.product_id),
      sku: row.sku,
      name: row.name,
      units: Number(row.units),
      revenueCents: Number(row.revenue_cents),
    })),
  };
}

/**
 * One row that breaks an invariant, as the invariant check reports it
 * (packages/core/src/invariants; the shape the former `inventory_check()` answered).
 */
export interface InvariantViolation {
  /** The number of the invariant in DESIGN §4 (1–7) §10 (8, the rollups) or §11 (9, allocations; 10, stock rows’ products). */
  invariant: number;
  entity: 'product' | 'variant' | 'order' | 'outbox' | 'rollup';
  entityId: number;
  detail: string;
}
