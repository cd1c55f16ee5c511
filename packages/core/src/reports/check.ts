import type { InvariantViolation } from '@stockpulse/db';
import { ORDER_STATUSES, type OrderStatus, REVENUE_STATUSES } from '@stockpulse/shared';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { OutboxRow } from '../outbox/publisher';
import { type FoldSource, type RollupDeltas, rollupDeltas, statusMovesOf } from './fold';

/**
 * Invariant 8 (DESIGN §10): the rollups equal a recomputation from `orders`, once the
 * order events the relay has not folded yet are added to them. Everything is read in one
 * consistent snapshot, so a fold or an order committing meanwhile cannot make a false
 * alarm. Sales and counts are compared figure for figure; product sales per bucket by
 * units, revenue and both weighted by product id (a fingerprint that any misfiled line
 * changes), the day and month rows against the hours and days they add up.
 */

const HOUR_SQL = (c: string) => `TIMESTAMP(DATE(${c}), MAKETIME(HOUR(${c}), 0, 0))`;
/** REVENUE_STATUSES (partially shipped included, DESIGN §12). */
const REVENUE = `o.status IN (${REVENUE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

type Fingerprint = [bigint, bigint, bigint, bigint];
const ZERO: Fingerprint = [0n, 0n, 0n, 0n];
const plus = (a: Fingerprint, b: Fingerprint): Fingerprint =>
  a.map((v, i) => v + b[i]!) as Fingerprint;
const same = (a: Fingerprint, b: Fingerprint) => a.every((v, i) => v === b[i]);

type SalesFigures = [bigint, bigint, bigint]; // orders, revenue, units

function violation(entityId: number, detail: string): InvariantViolation {
  return { invariant: 8, entity: 'rollup', entityId, detail };
}

const at = (text: string) => `${new Date(text).toISOString().slice(0, 16)}Z`;
const secondsOf = (key: string) => Math.floor(new Date(key).getTime() / 1000);

/** `key → figures` from rows whose columns are cast to text (SUMs exceed 2^53). */
function figures<T extends bigint[]>(
  rows: RowDataPacket[],
  key: (r: RowDataPacket) => string,
  cols: string[],
) {
  const map = new Map<string, T>();
  for (const row of rows) map.set(key(row), cols.map((c) => BigInt(row[c] ?? 0)) as T);
  return map;
}

function addDeltas(
  sales: Map<string, SalesFigures>,
  products: Map<string, Fingerprint>,
  counts: Map<string, bigint>,
  deltas: RollupDeltas,
) {
  for (const d of deltas.sales) {
    const key = `${d.grain}|${d.bucketStart.toISOString()}|${d.status}`;
    const old = sales.get(key) ?? [0n, 0n, 0n];
    sales.set(key, [
      old[0] + BigInt(d.orders),
      old[1] + BigInt(d.revenueCents),
      old[2] + BigInt(d.units),
    ]);
  }
  for (const d of deltas.products) {
    const key = `${d.grain}|${d.bucketStart.toISOString()}`;
    const pid = BigInt(d.productId);
    const f: Fingerprint = [
      BigInt(d.units),
      BigInt(d.revenueCents),
      BigInt(d.units) * pid,
      BigInt(d.revenueCents) * pid,
    ];
    products.set(key, plus(products.get(key) ?? ZERO, f));
  }
  for (const d of deltas.counts)
    counts.set(d.status, (counts.get(d.status) ?? 0n) + BigInt(d.orders));
}

export type RollupQuery = (text: string, params?: unknown[]) => Promise<RowDataPacket[]>;

export interface RollupCheckOptions {
  /**
   * `recent`: only the hours holding `orderIds` (the orders placed or changed lately;
   * when absent, those with a status event since `since`, an hour ago by default).
   */
  mode: 'full' | 'recent';
  since?: Date;
  orderIds?: number[];
}

/** A `FoldSource` over raw statements (the check's snapshot). */
function querySource(q: RollupQuery): FoldSource {
  return {
    orders: async (ids) =>
      (
        await q('SELECT id, created_at, total_cents, item_count FROM orders WHERE id IN (?)', [ids])
      ).map((r) => ({
        id: Number(r.id),
        createdAt: r.created_at as Date,
        totalCents: Number(r.total_cents),
        itemCount: Number(r.item_count),
      })),
    lines: async (ids) =>
      (
        await q(
          'SELECT order_id, product_id, quantity, unit_price_cents FROM order_details WHERE order_id IN (?)',
          [ids],
        )
      ).map((r) => ({
        orderId: Number(r.order_id),
        productId: Number(r.product_id),
        quantity: Number(r.quantity),
        unitPriceCents: Number(r.unit_price_cents),
      })),
  };
}

/** The hours holding the orders with a status event since `since`. */
async function recentHours(q: RollupQuery, since: Date) {
  // Ids grow with time: the last hour of the history is the end of its primary key,
  // found by walking back from the newest event (no index on created_at needed).
  const [older] = await q(
    'SELECT id FROM order_events WHERE created_at < ? ORDER BY id DESC LIMIT 1',
    [since],
  );
  return q(
    `SELECT DISTINCT ${HOUR_SQL('o.created_at')} AS b FROM orders o
     WHERE o.id IN (SELECT e.order_id FROM order_events e WHERE e.id > ?)`,
    [Number(older?.id ?? 0)],
  );
}

/**
 * Runs on `connection` in a snapshot of its own, and leaves it in no transaction. Full
 * mode scans `orders` and `order_details` once each way (about 11 s on a million orders);
 * recent mode recomputes only the hours that hold the orders changed lately, and the days
 * and months holding them.
 */
export async function checkRollups(
  connection: PoolConnection,
  options: RollupCheckOptions,
): Promise<InvariantViolation[]> {
  const q: RollupQuery = async (text, params = []) =>
    (await connection.query<RowDataPacket[]>(text, params))[0];
  await connection.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
  try {
    return await checkRollupsInSnapshot(q, options);
  } finally {
    await connection.query('ROLLBACK');
  }
}

/** The same, on statements that already read one consistent snapshot. */
export async function checkRollupsInSnapshot(
  q: RollupQuery,
  options: RollupCheckOptions,
): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];

  // The order events committed but not folded yet, as the rollups will count them.
  const [state] = await q('SELECT folded_through_outbox_id AS id FROM rollup_state WHERE id = 1');
  const pendingRows = (await q(
    `SELECT id, kind, topic, payload, created_at AS createdAt FROM outbox
     WHERE published_at IS NULL AND topic IN ('order:created', 'order:updated') ORDER BY id`,
  )) as OutboxRow[];
  const pending = await rollupDeltas(
    querySource(q),
    statusMovesOf(pendingRows, Number(state?.id ?? 0)),
  );

  // Which hours to recompute: all of them, or those holding the orders changed lately.
  let hours: string[] | null = null;
  if (options.mode === 'recent') {
    const rows = options.orderIds
      ? options.orderIds.length
        ? await q(
            `SELECT DISTINCT ${HOUR_SQL('o.created_at')} AS b FROM orders o WHERE o.id IN (?)`,
            [options.orderIds],
          )
        : []
      : await recentHours(q, options.since ?? new Date(Date.now() - 3_600_000));
    hours = rows.map((r) => new Date(r.b).toISOString());
    for (const d of pending.sales) if (d.grain === 'hour') hours.push(d.bucketStart.toISOString());
    hours = [...new Set(hours)].sort();
    if (hours.length === 0) return violations;
  }
  const hourFilter = (column: string) =>
    hours ? `${column} IN (${hours.map(() => '?').join(', ')})` : '1 = 1';
  const hourParams = hours ? hours.map((h) => new Date(h)) : [];
  const createdInHours = hours
    ? `(${hours.map(() => '(o.created_at >= ? AND o.created_at < ? + INTERVAL 1 HOUR)').join(' OR ')})`
    : '1 = 1';
  const createdParams = hours ? hours.flatMap((h) => [new Date(h), new Date(h)]) : [];

  // ── sales_rollup, hour grain: figure for figure ──────────────────────────────
  const expectedSales = figures<SalesFigures>(
    await q(
      `SELECT ${HOUR_SQL('o.created_at')} AS b, o.status,
         CAST(COUNT(*) AS CHAR) AS n, CAST(SUM(o.total_cents) AS CHAR) AS r, CAST(SUM(o.item_count) AS CHAR) AS u
       FROM orders o WHERE ${createdInHours} GROUP BY b, o.status`,
      createdParams,
    ),
    (r) => `hour|${new Date(r.b).toISOString()}|${r.status}`,
    ['n', 'r', 'u'],
  );
  const rolledSales = figures<SalesFigures>(
    await q(
      `SELECT grain, bucket_start AS b, status, CAST(orders AS CHAR) AS n, CAST(revenue_cents AS CHAR) AS r, CAST(units AS CHAR) AS u
       FROM sales_rollup WHERE grain = 'hour' AND ${hourFilter('bucket_start')}`,
      hourParams,
    ),
    (r) => `hour|${new Date(r.b).toISOString()}|${r.status}`,
    ['n', 'r', 'u'],
  );
  const counts = new Map<string, bigint>();
  const rolledProducts = new Map<string, Fingerprint>();
  addDeltas(rolledSales, rolledProducts, counts, pending);
  for (const key of new Set([...expectedSales.keys(), ...rolledSales.keys()])) {
    if (!key.startsWith('hour|')) continue;
    const want = expectedSales.get(key) ?? [0n, 0n, 0n];
    const have = rolledSales.get(key) ?? [0n, 0n, 0n];
    if (want.every((v, i) => v === have[i])) continue;
    const [, bucket, status] = key.split('|');
    violations.push(
      violation(
        secondsOf(bucket!),
        `sales ${status} hour ${at(bucket!)}: rollup orders/revenue/units=${have.join('/')} orders table=${want.join('/')}`,
      ),
    );
  }

  // ── product_sales_rollup, hour grain: fingerprints per bucket ─────────────────
  const fp = `CAST(SUM(u) AS CHAR) AS u, CAST(SUM(r) AS CHAR) AS r, CAST(SUM(u * p) AS CHAR) AS up, CAST(SUM(r * p) AS CHAR) AS rp`;
  const expectedProducts = figures<Fingerprint>(
    await q(
      `SELECT b, ${fp} FROM (
         SELECT ${HOUR_SQL('o.created_at')} AS b, d.product_id AS p, d.quantity AS u, d.quantity * d.unit_price_cents AS r
         FROM orders o STRAIGHT_JOIN order_details d ON d.order_id = o.id
         WHERE ${REVENUE} AND ${createdInHours}) x GROUP BY b`,
      createdParams,
    ),
    (r) => `hour|${new Date(r.b).toISOString()}`,
    ['u', 'r', 'up', 'rp'],
  );
  const rolledHours = figures<Fingerprint>(
    await q(
      `SELECT bucket_start AS b, ${fp} FROM (
         SELECT bucket_start, product_id AS p, units AS u, revenue_cents AS r FROM product_sales_rollup
         WHERE grain = 'hour' AND ${hourFilter('bucket_start')}) x GROUP BY bucket_start`,
      hourParams,
    ),
    (r) => `hour|${new Date(r.b).toISOString()}`,
    ['u', 'r', 'up', 'rp'],
  );
  for (const [key, f] of rolledProducts) {
    if (key.startsWith('hour|')) rolledHours.set(key, plus(rolledHours.get(key) ?? ZERO, f));
  }
  for (const key of new Set([...expectedProducts.keys(), ...rolledHours.keys()])) {
    const want = expectedProducts.get(key) ?? ZERO;
    const have = rolledHours.get(key) ?? ZERO;
    if (same(want, have)) continue;
    const bucket = key.slice(5);
    violations.push(
      violation(
        secondsOf(bucket),
        `product sales hour ${at(bucket)}: rollup units/revenue=${have[0]}/${have[1]} order lines=${want[0]}/${want[1]}${want[0] === have[0] && want[1] === have[1] ? ' (filed under the wrong products)' : ''}`,
      ),
    );
  }

  // ── coarser grains add up the finer ones ──────────────────────────────────────
  const days = hours ? [...new Set(hours.map((h) => h.slice(0, 10)))] : null;
  const months = days ? [...new Set(days.map((d) => d.slice(0, 7)))] : null;
  /** Rows of the touched days or months (all of them in full mode), as PK ranges. */
  const within = (grain: 'day' | 'month', column: string) => {
    const units = grain === 'day' ? days : months;
    if (!units) return { sql: '1 = 1', params: [] as Date[], keys: null };
    const starts = units.map(
      (u) => new Date(grain === 'day' ? `${u}T00:00:00Z` : `${u}-01T00:00:00Z`),
    );
    const ends = starts.map((d) =>
      grain === 'day'
        ? new Date(d.getTime() + 86_400_000)
        : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)),
    );
    return {
      sql: `(${starts.map(() => `(${column} >= ? AND ${column} < ?)`).join(' OR ')})`,
      params: starts.flatMap((d, i) => [d, ends[i]!]),
      keys: new Set(units),
    };
  };
  const coarser = [
    { grain: 'day', finer: 'hour', of: (b: string) => `${b.slice(0, 10)}T00:00:00.000Z` },
    { grain: 'month', finer: 'day', of: (b: string) => `${b.slice(0, 7)}-01T00:00:00.000Z` },
  ] as const;
  for (const { grain, finer, of } of coarser) {
    const scope = within(grain, 'bucket_start');
    const rows = await q(
      `SELECT grain, bucket_start AS b, ${fp} FROM (
         SELECT grain, bucket_start, product_id AS p, units AS u, revenue_cents AS r FROM product_sales_rollup
         WHERE grain IN (?, ?) AND ${scope.sql}) x GROUP BY grain, bucket_start`,
      [grain, finer, ...scope.params],
    );
    const sums = new Map<string, Fingerprint>();
    const own = new Map<string, Fingerprint>();
    for (const row of rows) {
      const b = new Date(row.b).toISOString();
      const f = [row.u, row.r, row.up, row.rp].map((v) => BigInt(v ?? 0)) as Fingerprint;
      if (row.grain === grain) own.set(b, f);
      else sums.set(of(b), plus(sums.get(of(b)) ?? ZERO, f));
    }
    for (const [key, f] of rolledProducts) {
      const [g, b] = key.split('|') as [string, string];
      if (g === grain) own.set(b, plus(own.get(b) ?? ZERO, f));
      if (g === finer) sums.set(of(b), plus(sums.get(of(b)) ?? ZERO, f));
    }
    for (const b of new Set([...own.keys(), ...sums.keys()])) {
      if (scope.keys && !scope.keys.has(grain === 'day' ? b.slice(0, 10) : b.slice(0, 7))) continue;
      const want = sums.get(b) ?? ZERO;
      const have = own.get(b) ?? ZERO;
      if (!same(want, have)) {
        violations.push(
          violation(
            secondsOf(b),
            `product sales ${grain} ${at(b)}: rollup units/revenue=${have[0]}/${have[1]}, its ${finer}s add up to ${want[0]}/${want[1]}`,
          ),
        );
      }
    }
  }

  // ── sales_rollup days add up their hours; counts add up the days ─────────────
  const scope = within('day', 'bucket_start');
  const salesRows = await q(
    `SELECT grain, bucket_start AS b, status, CAST(SUM(orders) AS CHAR) AS n, CAST(SUM(revenue_cents) AS CHAR) AS r, CAST(SUM(units) AS CHAR) AS u
     FROM sales_rollup WHERE grain IN ('hour', 'day') AND ${scope.sql} GROUP BY grain, bucket_start, status`,
    scope.params,
  );
  const dayOwn = new Map<string, SalesFigures>();
  const daySum = new Map<string, SalesFigures>();
  const add = (map: Map<string, SalesFigures>, key: string, f: SalesFigures) => {
    const old = map.get(key) ?? [0n, 0n, 0n];
    map.set(key, [old[0] + f[0], old[1] + f[1], old[2] + f[2]]);
  };
  for (const row of salesRows) {
    const key = `${new Date(row.b).toISOString().slice(0, 10)}|${row.status}`;
    add(row.grain === 'day' ? dayOwn : daySum, key, [BigInt(row.n), BigInt(row.r), BigInt(row.u)]);
  }
  for (const d of pending.sales) {
    add(
      d.grain === 'day' ? dayOwn : daySum,
      `${d.bucketStart.toISOString().slice(0, 10)}|${d.status}`,
      [BigInt(d.orders), BigInt(d.revenueCents), BigInt(d.units)],
    );
  }
  for (const key of new Set([...dayOwn.keys(), ...daySum.keys()])) {
    const want = daySum.get(key) ?? [0n, 0n, 0n];
    const have = dayOwn.get(key) ?? [0n, 0n, 0n];
    if (want.every((v, i) => v === have[i])) continue;
    const [day, status] = key.split('|') as [string, string];
    violations.push(
      violation(
        secondsOf(day),
        `sales ${status} day ${day}: rollup orders/revenue/units=${have.join('/')}, its hours add up to ${want.join('/')}`,
      ),
    );
  }

  if (options.mode === 'full') {
    const expected = await q(
      'SELECT status, CAST(COUNT(*) AS CHAR) AS n FROM orders GROUP BY status',
    );
    const rolled = await q('SELECT status, CAST(orders AS CHAR) AS n FROM order_status_counts');
    const want = new Map(expected.map((r) => [r.status as string, BigInt(r.n)]));
    const have = new Map(rolled.map((r) => [r.status as string, BigInt(r.n)]));
    for (const [status, n] of counts) have.set(status, (have.get(status) ?? 0n) + n);
    for (const status of ORDER_STATUSES as readonly OrderStatus[]) {
      const w = want.get(status) ?? 0n;
      const h = have.get(status) ?? 0n;
      if (w !== h)
        violations.push(violation(0, `order count ${status}: rollup=${h} orders table=${w}`));
    }
  }
  violations.push(...(await checkRefundRollup(q, options.mode)));
  return violations;
}

/**
 * `refund_rollup` (DESIGN §12), written in the transaction that gives money back
 * (`recordMoneyBack`), not folded: its days add up their hours (both modes: the table has
 * one row per hour with money back, a few thousand over years), and in full mode the
 * money it holds is at least every succeeded refund (so none went uncounted) and at most
 * that plus the value of every cancelled line (the most that cancellations before capture
 * can add, whatever the order's status became; see REBUILD_ROLLUPS_SQL's rule). Which hour a
 * refund fell in cannot be recomputed exactly (its `updated_at` and the counting moment
 * differ by milliseconds), hence totals rather than hour by hour.
 */
async function checkRefundRollup(q: RollupQuery, mode: 'full' | 'recent') {
  const violations: InvariantViolation[] = [];
  const rows = await q(
    `SELECT grain, bucket_start AS b, CAST(refunds AS CHAR) AS n, CAST(refunded_cents AS CHAR) AS c
     FROM refund_rollup`,
  );
  const dayOwn = new Map<string, [bigint, bigint]>();
  const daySum = new Map<string, [bigint, bigint]>();
  let hourCents = 0n;
  let hourRefunds = 0n;
  for (const row of rows) {
    const day = new Date(row.b).toISOString().slice(0, 10);
    const map = row.grain === 'day' ? dayOwn : daySum;
    const old = map.get(day) ?? [0n, 0n];
    map.set(day, [old[0] + BigInt(row.n), old[1] + BigInt(row.c)]);
    if (row.grain === 'hour') {
      hourRefunds += BigInt(row.n);
      hourCents += BigInt(row.c);
    }
  }
  for (const day of new Set([...dayOwn.keys(), ...daySum.keys()])) {
    const want = daySum.get(day) ?? [0n, 0n];
    const have = dayOwn.get(day) ?? [0n, 0n];
    if (want[0] !== have[0] || want[1] !== have[1]) {
      violations.push(
        violation(
          secondsOf(day),
          `refunds day ${day}: rollup refunds/cents=${have.join('/')}, its hours add up to ${want.join('/')}`,
        ),
      );
    }
  }
  if (mode !== 'full') return violations;
  const [refunds] = await q(
    `SELECT CAST(COUNT(*) AS CHAR) AS n, CAST(COALESCE(SUM(amount_cents), 0) AS CHAR) AS c
     FROM refunds WHERE status = 'succeeded'`,
  );
  const [cancelled] = await q(
    `SELECT CAST(COALESCE(SUM(d.cancelled_quantity * d.unit_price_cents), 0) AS CHAR) AS c
     FROM order_details d WHERE d.cancelled_quantity > 0`,
  );
  const low = BigInt(refunds?.c ?? 0);
  const high = low + BigInt(cancelled?.c ?? 0);
  if (hourCents < low || hourCents > high || hourRefunds < BigInt(refunds?.n ?? 0)) {
    violations.push(
      violation(
        0,
        `refund_rollup holds ${hourRefunds} refunds/${hourCents} cents; succeeded refunds are ${refunds?.n}/${low} cents, with cancelled lines at most ${high}`,
      ),
    );
  }
  return violations;
}
