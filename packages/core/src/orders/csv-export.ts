import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { and, asc, eq, gt, gte, inArray, lt, or } from 'drizzle-orm';
import { type CsvCell, csvStream, EXPORT_BATCH_ROWS } from '../paging/csv';
import { formatPrice } from '../products/import/format';

const HEADER = [
  'order_id',
  'created_at',
  'status',
  'customer_id',
  'sku',
  'quantity',
  'unit_price',
  'line_total',
  'order_total',
] as const;

const DAY_MS = 24 * 3600 * 1000;

/** A `YYYY-MM-DD` that is a real day, as its UTC midnight; null otherwise. */
function utcDay(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const day = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? null : day;
}

/**
 * The orders export's days: `from` and `to` are UTC days, both included, so the range is
 * [from 00:00, the day after `to` 00:00). INVALID_RANGE names what is wrong.
 */
export function orderExportRange(from: string | undefined, to: string | undefined) {
  const start = utcDay(from);
  const last = utcDay(to);
  const wrong = (message: string) => new DomainError('INVALID_RANGE', message, { from, to });
  if (!from || !to) throw wrong('Give both from and to, as YYYY-MM-DD');
  if (!start) throw wrong(`from "${from}" is not a day written YYYY-MM-DD`);
  if (!last) throw wrong(`to "${to}" is not a day written YYYY-MM-DD`);
  if (last < start) throw wrong(`to (${to}) is before from (${from})`);
  return { start, end: new Date(last.getTime() + DAY_MS) };
}

/**
 * `GET /admin/export/orders.csv?from&to` (DESIGN §11): one row per order line of the
 * orders placed in the range. Read plan, per batch of EXPORT_BATCH_ROWS orders: a range of
 * `orders_time_idx (created_at, id)` from the last (created_at, id) read (forced, and in
 * the index's order, so neither a sort nor an OFFSET, however many orders the range
 * holds), then the batch's lines by `order_details (order_id, variant_id)` and their
 * variants' SKUs by primary key.
 */
export async function exportOrdersCsv(db: Database, range: { start: Date; end: Date }) {
  async function* batches(): AsyncGenerator<CsvCell[][]> {
    let after: { createdAt: Date; id: number } | null = null;
    for (;;) {
      const o = schema.orders;
      const page: {
        id: number;
        createdAt: Date;
        status: string;
        customerId: number;
        totalCents: number;
      }[] = await db
        .select({
          id: o.id,
          createdAt: o.createdAt,
          status: o.status,
          customerId: o.customerId,
          totalCents: o.totalCents,
        })
        .from(o, { forceIndex: 'orders_time_idx' })
        .where(
          and(
            gte(o.createdAt, range.start),
            lt(o.createdAt, range.end),
            after
              ? or(
                  gt(o.createdAt, after.createdAt),
                  and(eq(o.createdAt, after.createdAt), gt(o.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(o.createdAt), asc(o.id))
        .limit(EXPORT_BATCH_ROWS);
      if (page.length === 0) return;
      const last = page.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
      const lines = await db
        .select({
          orderId: schema.orderDetails.orderId,
          variantId: schema.orderDetails.variantId,
          quantity: schema.orderDetails.quantity,
          unitPriceCents: schema.orderDetails.unitPriceCents,
        })
        .from(schema.orderDetails)
        .where(
          inArray(
            schema.orderDetails.orderId,
            page.map((order) => order.id),
          ),
        )
        .orderBy(asc(schema.orderDetails.orderId), asc(schema.orderDetails.variantId));
      const variantIds = [...new Set(lines.map((l) => l.variantId))];
      const skus = new Map(
        (variantIds.length === 0
          ? []
          : await db
              .select({ id: schema.variants.id, sku: schema.variants.sku })
              .from(schema.variants)
              .where(inArray(schema.variants.id, variantIds))
        ).map((v) => [v.id, v.sku]),
      );
      const linesOf = new Map<number, typeof lines>();
      for (const line of lines) {
        const list = linesOf.get(line.orderId) ?? [];
        list.push(line);
        linesOf.set(line.orderId, list);
      }
      const rows: CsvCell[][] = [];
      for (const order of page) {
        for (const line of linesOf.get(order.id) ?? []) {
          rows.push([
            order.id,
            order.createdAt.toISOString(),
            order.status,
            order.customerId,
            skus.get(line.variantId) ?? '',
            line.quantity,
            formatPrice(line.unitPriceCents),
            formatPrice(line.unitPriceCents * line.quantity),
            formatPrice(order.totalCents),
          ]);
        }
      }
      yield rows;
    }
  }
  return csvStream(HEADER, batches());
}
