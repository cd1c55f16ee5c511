import type { Connection } from 'mysql2/promise';
import { splitDatabaseUrl } from '../migrate';
import type { SeedSizes } from './args';
import { BulkWriter } from './bulk';
import { planCatalog } from './catalog';
import type { SeedContext } from './context';
import { DEMO_CUSTOMER, planCustomers } from './customers';
import {
  analyzeSeedTables,
  bulkFormat,
  emptySeedTables,
  nonEmptyTables,
  openSeedConnection,
  setBulkLoad,
} from './database';
import { type DeferredTable, dropKeys, readKeys, restoreKeys } from './deferred-keys';
import { OrderHistory } from './orders';
import { SEED_PAYMENT_STATEMENTS } from './payments';
import { Rng } from './prng';
import { createProgress } from './progress';
import { scheduleOrders } from './rhythm';
import { RollupTally, remainingRebuildStatements } from './rollups';
import type { RowFormat } from './row-text';
import { LOAD_ORDER, SEED_TABLES, type SeedTableName } from './tables';
import { HistoryTally } from './tally';
import { DAY, MINUTE } from './time';
import { SEED_LOCATIONS_SQL } from './variant-products';
import { writeCatalog } from './write-catalog';
import { writeOrders } from './write-orders';
import { writePeople } from './write-people';

export interface SeedOptions extends SeedSizes {
  adminEmail: string;
  adminPassword: string;
  /** argon2id in production (`hashPassword` of @stockpulse/core); called twice. */
  hashPassword: (plain: string) => Promise<string>;
  /** The end of the history; the same options and `now` give the same rows. */
  now?: Date;
  /** A progress bar on a terminal, a line every few seconds otherwise. */
  progress?: boolean;
  /** Connections writing tables in parallel (3; the rows do not depend on it). */
  connections?: number;
  /**
   * How rows reach the server: LOAD DATA LOCAL INFILE where it is allowed, else multi-row
   * INSERT (the default picks; the rows do not depend on it).
   */
  format?: RowFormat;
}

export interface SeedSummary {
  counts: Record<SeedTableName, number>;
  durationMs: number;
  adminEmail: string;
  demoCustomerEmail: string;
  seed: number;
  /** The order history spans [from, to). */
  from: Date;
  to: Date;
}

/**
 * What each item of a phase costs, in microseconds on the reference shop (this 2-core
 * machine), so that the progress bar moves evenly and its ETA holds.
 */
const PROGRESS_WEIGHTS = {
  planning: 5,
  customer: 25,
  product: 100,
  order: 95,
  /** Per row of a table whose indexes are being built. */
  indexedRow: 3,
};
/** Rows of every table per order (lines, events, ledger rows, rollups): about 11. */
const ROWS_PER_ORDER = 11;

export const SEED_DEFAULTS = { products: 200, orders: 3000, days: 90, seed: 42 } as const;

/** Customers scale with orders (about 60 each over the history) unless given. */
export function defaultCustomers(orders: number): number {
  return Math.max(50, Math.ceil(orders / 60));
}

/**
 * Fills an empty, migrated database with a believable shop: catalog and stock, customers,
 * the admin, and an order history whose ledger satisfies every invariant of DESIGN §4.
 * Deterministic for the same options and `now` (password hashes aside: they are salted).
 */
export async function seed(databaseUrl: string, options: SeedOptions): Promise<SeedSummary> {
  const startedAt = Date.now();
  const seedNumber = options.seed ?? SEED_DEFAULTS.seed;
  const products = options.products ?? SEED_DEFAULTS.products;
  const orders = options.orders ?? SEED_DEFAULTS.orders;
  const days = options.days ?? SEED_DEFAULTS.days;
  const customerCount = options.customers ?? defaultCustomers(orders);
  const adminEmail = options.adminEmail.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new Error(`adminEmail "${options.adminEmail}" is not an email address`);
  }
  if (!options.adminPassword) throw new Error('adminPassword must not be empty');
  if (products < 1 || customerCount < 1 || orders < 0 || days < 1) {
    throw new Error(
      'seed needs at least 1 product, 1 customer and 1 day, and no negative order count',
    );
  }

  const { database } = splitDatabaseUrl(databaseUrl);
  const connection = await openSeedConnection(databaseUrl);
  const progress = createProgress(options.progress ?? false);
  const lanes: Connection[] = [];
  let deferred: DeferredTable[] | undefined;
  let writing = false;
  try {
    const busy = await nonEmptyTables(connection, database);
    if (busy.length > 0) {
      throw new Error(
        `Refusing to seed database "${database}": it already has data (${busy.join(', ')}). The seed only fills an empty, migrated database; drop and recreate it to seed again.`,
      );
    }
    const customers = planCustomers(seedNumber, customerCount);
    if (customers.some((c) => c.email === adminEmail)) {
      throw new Error(`adminEmail ${adminEmail} collides with a customer's email`);
    }
    const [adminHash, customerHash] = await Promise.all([
      options.hashPassword(options.adminPassword),
      options.hashPassword(DEMO_CUSTOMER.password),
    ]);

    const now = Math.floor((options.now ?? new Date()).getTime());
    const start = now - days * DAY;
    const catalog = planCatalog(seedNumber, products);
    const schedule = scheduleOrders(
      new Rng(seedNumber, 'rhythm'),
      { start, end: now - 10 * MINUTE },
      orders,
    );
    const history = new OrderHistory({
      seed: seedNumber,
      schedule,
      catalog,
      customers: customerCount,
      now,
    });
    const weights = PROGRESS_WEIGHTS;
    progress.start(
      orders * (weights.planning + weights.order + ROWS_PER_ORDER * weights.indexedRow) +
        customerCount * weights.customer +
        products * weights.product,
    );

    progress.phase('planning', weights.planning);
    const tally = new HistoryTally(products, customerCount, { start, now });
    let sinceReport = 0;
    for (const order of history.orders({ keys: false })) {
      tally.add(order);
      if (++sinceReport === 10_000) {
        progress.advance(sinceReport);
        sinceReport = 0;
      }
    }
    progress.advance(sinceReport);

    writing = true;
    await connection.query(SEED_LOCATIONS_SQL);
    await setBulkLoad(connection, true);
    for (let i = 0; i < (options.connections ?? 3); i++) {
      const lane = await openSeedConnection(databaseUrl);
      lanes.push(lane);
      await setBulkLoad(lane, true);
    }
    // Read before any is dropped, so a failure part-way still knows what to put back.
    deferred = await readKeys(
      connection,
      LOAD_ORDER.map((t) => t.name),
    );
    await dropKeys(connection, deferred);
    const format = options.format ?? (await bulkFormat(connection));
    const writer = new BulkWriter(lanes, LOAD_ORDER, { format });
    const ctx: SeedContext = {
      seed: seedNumber,
      start,
      now,
      writer,
      progress,
      catalog,
      customers,
      tally,
      rollups: new RollupTally(writer, catalog.priceCents),
      ids: { movement: 0, restock: 0, detail: 0, event: 0 },
    };
    progress.phase('customers', weights.customer);
    await writePeople(ctx, { adminEmail, adminHash, customerHash });
    progress.phase('catalog', weights.product);
    await writeCatalog(ctx);
    progress.phase('orders', weights.order);
    await writeOrders(ctx, history);
    ctx.rollups.finish();
    await writer.finish();

    progress.phase('indexes', weights.indexedRow);
    // Largest first: the longest build should not be the one that starts last.
    const bySize = [...deferred].sort(
      (a, b) => (writer.written.get(b.table) ?? 0) - (writer.written.get(a.table) ?? 0),
    );
    await restoreKeys(lanes, bySize, (table) => progress.advance(writer.written.get(table) ?? 0));
    deferred = undefined;
    progress.phase('payments');
    for (const statement of SEED_PAYMENT_STATEMENTS) await connection.query(statement);
    progress.phase('rollups');
    await runInTransaction(connection, remainingRebuildStatements());
    await setBulkLoad(connection, false);
    progress.phase('analyze');
    await analyzeSeedTables(connection);
    progress.stop();

    const counts = Object.fromEntries(
      Object.entries(SEED_TABLES).map(([key, table]) => [key, writer.written.get(table.name)!]),
    ) as Record<SeedTableName, number>;
    return {
      counts,
      durationMs: Date.now() - startedAt,
      adminEmail,
      demoCustomerEmail: DEMO_CUSTOMER.email,
      seed: seedNumber,
      from: new Date(start),
      to: new Date(now),
    };
  } catch (error) {
    progress.stop();
    if (!writing) throw error;
    const cleaned = await emptySeedTables(connection)
      .then(() => (deferred ? restoreKeys([connection], deferred) : undefined))
      .then(
        () => 'its partial rows were removed',
        () => 'its partial rows could not be removed: drop and recreate the database',
      );
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Seeding database "${database}" failed (${cleaned}): ${reason}`, {
      cause: error,
    });
  } finally {
    await Promise.all([connection, ...lanes].map((c) => c.end().catch(() => {})));
  }
}

/** `statements` in one transaction: all or nothing. */
async function runInTransaction(connection: Connection, statements: readonly string[]) {
  await connection.query('START TRANSACTION');
  try {
    for (const statement of statements) await connection.query(statement);
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
