import { type Database, schema, type TopProductRow } from '@stockpulse/db';
import { and, desc, eq, gte, inArray, lt, or, sql, sum } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/mysql-core';
import { type Segment, segmentsOf, startOf } from './buckets';
import { grainRuns, rawProductSales } from './raw';

const { productSalesRollup: r, products } = schema;

type Bucket = Extract<Segment, { kind: 'bucket' }>;

/** The `depth` best-selling products of each bucket, read from the top of its index. */
async function bestOfEachBucket(db: Database, buckets: Bucket[], depth: number) {
  const lists = buckets.map((b, i) =>
    db
      .select({
        bucket: sql<number>`${i}`.as('bucket'),
        productId: r.productId,
        revenueCents: r.revenueCents,
      })
      .from(r)
      .where(and(eq(r.grain, b.grain), eq(r.bucketStart, b.start)))
      // Backwards along (grain, bucket_start, revenue_cents, product_id): no sort.
      .orderBy(desc(r.revenueCents), desc(r.productId))
      .limit(depth),
  );
  const [first, second, ...rest] = lists;
  if (!first) return [];
  return second ? unionAll(first, second, ...rest) : first;
}

type Sums = { units: number; revenueCents: number };

/**
 * The best-seller lists to walk: each whole month or day of the range, and for the hours
 * and minutes at its ends, the day that holds them. A day's list bounds what a product
 * sold in any part of that day, so the edges need no hourly lists (two, not up to 46).
 */
export function listBuckets(segments: Segment[]): Bucket[] {
  const byKey = new Map<string, Bucket>();
  for (const segment of segments) {
    const bucket: Bucket =
      segment.kind === 'bucket' && segment.grain !== 'hour'
        ? segment
        : {
            kind: 'bucket',
            grain: 'day',
            start: startOf('day', segment.kind === 'raw' ? segment.from : segment.start),
          };
    byKey.set(`${bucket.grain}|${bucket.start.getTime()}`, bucket);
  }
  return [...byKey.values()];
}

/** Each candidate's exact units and revenue over the whole range: `raw` plus the buckets. */
async function exactTotals(
  db: Database,
  segments: Segment[],
  raw: Map<number, Sums>,
  productIds: number[],
) {
  const totals = new Map(
    productIds.map((id) => [id, { ...(raw.get(id) ?? { units: 0, revenueCents: 0 }) }]),
  );
  const runs = grainRuns(segments);
  if (productIds.length > 0 && runs.length > 0) {
    const rows = await db
      .select({
        productId: r.productId,
        units: sum(r.units).mapWith(Number),
        revenueCents: sum(r.revenueCents).mapWith(Number),
      })
      .from(r)
      .where(
        and(
          inArray(r.productId, productIds),
          or(
            ...runs.map((run) =>
              and(eq(r.grain, run.grain), gte(r.bucketStart, run.from), lt(r.bucketStart, run.to)),
            ),
          ),
        ),
      )
      .groupBy(r.productId);
    for (const row of rows) {
      const sums = totals.get(row.productId) ?? { units: 0, revenueCents: 0 };
      sums.units += row.units;
      sums.revenueCents += row.revenueCents;
      totals.set(row.productId, sums);
    }
  }
  return totals;
}

/**
 * The `top` products by revenue over [from, to) (ties by id), exact, without adding up
 * every product's sales: Fagin's threshold algorithm over the per-bucket best-seller
 * lists (`listBuckets`). Take the `depth` best of every list as candidates and add up
 * their exact totals over the range; a product in none of those lists sold, in the part
 * of the range each list covers, at most that list's `depth`-th figure, so once the
 * `top`-th candidate beats the sum of those figures no other product can reach the top. Otherwise look deeper. Sales concentrate on few
 * products, so one round of depth 2 × top + 10 is the usual case.
 */
export async function topProducts(
  db: Database,
  from: Date,
  to: Date,
  top: number,
): Promise<TopProductRow[]> {
  if (top <= 0) return [];
  const segments = segmentsOf(from, to);
  const buckets = listBuckets(segments);
  const raw = await rawProductSales(
    db,
    segments.filter((s) => s.kind === 'raw'),
  );
  for (let depth = 2 * top + 10; ; depth *= 4) {
    const listed = await bestOfEachBucket(db, buckets, depth);
    const lists = new Map<number, number[]>();
    for (const row of listed) {
      const list = lists.get(Number(row.bucket)) ?? [];
      list.push(Number(row.revenueCents));
      lists.set(Number(row.bucket), list);
    }
    // What a product outside every list can have sold, at most.
    let bound = 0;
    let exhausted = true;
    for (const list of lists.values()) {
      if (list.length < depth) continue;
      exhausted = false;
      bound += Math.min(...list);
    }
    const candidates = new Set(listed.map((row) => Number(row.productId)));
    const totals = await exactTotals(db, segments, raw, [...candidates]);
    const ranked = [...totals]
      .filter(([, t]) => t.units > 0)
      .sort(([a, x], [b, y]) => y.revenueCents - x.revenueCents || a - b)
      .slice(0, top);
    const last = ranked.at(-1);
    const settled = exhausted || (ranked.length === top && last && last[1].revenueCents > bound);
    if (!settled) continue;
    if (ranked.length === 0) return [];
    const names = await db
      .select({ id: products.id, sku: products.sku, name: products.name })
      .from(products)
      .where(
        inArray(
          products.id,
          ranked.map(([id]) => id),
        ),
      );
    const byId = new Map(names.map((p) => [p.id, p]));
    return ranked.map(([productId, t]) => ({
      productId,
      sku: byId.get(productId)?.sku ?? '',
      name: byId.get(productId)?.name ?? '',
      units: t.units,
      revenueCents: t.revenueCents,
    }));
  }
}
