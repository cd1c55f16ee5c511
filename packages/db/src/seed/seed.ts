import { splitDatabaseUrl } from '../migrate';
import { rebuildRollups } from '../rollups';
import type { SeedSizes } from './args';
import { BulkWriter } from './bulk';
import { planCatalog } from './catalog';
import type { SeedContext } from './context';
import { DEMO_CUSTOMER, planCustomers } from './customers';
import {
  analyzeSeedTables,
  emptySeedTables,
  nonEmptyTables,
  openSeedConnection,
  setBulkLoad,
} from './database';
import { OrderHistory } from './orders';
import { Rng } from './prng';
import { createProgress } from './progress';
import { scheduleOrders } from './rhythm';
import { SEED_TABLE_ORDER, SEED_TABLES, type SeedTableName } from './tables';
import { HistoryTally } from './tally';
import { DAY, MINUTE } from './time';
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
    progress.start(2 * orders + customerCount + products);

    progress.phase('planning');
    const tally = new HistoryTally(products, customerCount, { start, now });
    let sinceReport = 0;
    for (const order of history) {
      tally.add(order);
      if (++sinceReport === 10_000) {
        progress.advance(sinceReport);
        sinceReport = 0;
      }
    }
    progress.advance(sinceReport);

    writing = true;
    await setBulkLoad(connection, true);
    const ctx: SeedContext = {
      seed: seedNumber,
      start,
      now,
      writer: new BulkWriter(connection, SEED_TABLE_ORDER),
      progress,
      catalog,
      customers,
      tally,
      ids: { movement: 0, restock: 0, detail: 0, event: 0 },
    };
    progress.phase('customers');
    await writePeople(ctx, { adminEmail, adminHash, customerHash });
    progress.phase('catalog');
    await writeCatalog(ctx);
    progress.phase('orders');
    await writeOrders(ctx, history);
    await ctx.writer.finish();
    await setBulkLoad(connection, false);
    progress.phase('rollups');
    await rebuildRollups(connection);
    progress.phase('analyze');
    await analyzeSeedTables(connection);
    progress.stop();

    const counts = Object.fromEntries(
      Object.entries(SEED_TABLES).map(([key, table]) => [key, ctx.writer.written.get(table.name)!]),
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
    const cleaned = await emptySeedTables(connection).then(
      () => 'its partial rows were removed',
      () => 'its partial rows could not be removed: drop and recreate the database',
    );
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Seeding database "${database}" failed (${cleaned}): ${reason}`, {
      cause: error,
    });
  } finally {
    await connection.end().catch(() => {});
  }
}
