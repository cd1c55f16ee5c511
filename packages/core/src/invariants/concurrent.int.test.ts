import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { DomainError } from '@stockpulse/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';
import { drainOutbox } from '../testing/drain';
import { openWorld, type World } from '../testing/world';
import { type CheckMode, checkInvariants } from './check';
import type { InvariantViolation } from './types';

// Orders placed and paid by several actors at once on a few hot products, an outbox
// stamped as a relay would, and the check run over and over in both modes meanwhile: each
// invariant compares figures read by several statements (a stock row, then its ledger;
// the open orders, then the stock), which only one snapshot keeps in step with the
// writers. Read at READ COMMITTED instead, both modes report drift of invariants 2 and 3
// within the first seconds (tried: some forty false violations in one run).
const ACTORS = 8;
const RUN_MS = 4_000;

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: ACTORS + 8 });
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

describe('the invariant check under load', () => {
  it('reports nothing while orders are being placed and paid', async () => {
    const products = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        world.addProduct({ onHand: 100_000, priceCents: 100 + i }),
      ),
    );
    const customers = await Promise.all(Array.from({ length: ACTORS }, () => world.addCustomer()));
    const stopAt = Date.now() + RUN_MS;
    const running = () => Date.now() < stopAt;
    let placed = 0;
    let paid = 0;
    const unexpected: unknown[] = [];

    async function actor(index: number) {
      const customer = customers[index]!;
      for (let n = 0; running(); n++) {
        try {
          // Two of the hot products on every order, so stock rows change all the time.
          const first = products[n % 4]!;
          const second = products[4 + ((n + index) % 8)]!;
          const { order } = await placeOrder(world.db, {
            customerId: customer.id,
            customerName: customer.name,
            items: [
              { productId: first, quantity: 1 },
              { productId: second, quantity: 2 },
            ],
            idempotencyKey: `load-${index}-${n}`,
          });
          placed++;
          if (n % 2 === 0) {
            await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'worker' });
            paid++;
          }
        } catch (error) {
          if (!(error instanceof DomainError)) unexpected.push(error);
        }
      }
    }

    /** What the relay does (invariants 7 and 8): publish and fold the outbox, every 100 ms. */
    async function relay() {
      while (running()) {
        await drainOutbox(world.db);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    const runs: Record<CheckMode, number> = { recent: 0, full: 0 };
    const found: (InvariantViolation & { mode: CheckMode })[] = [];
    async function checker() {
      for (let n = 0; running(); n++) {
        const mode: CheckMode = n % 2 === 0 ? 'recent' : 'full';
        const result = await checkInvariants({ pool: world.pool }, { mode });
        runs[mode]++;
        found.push(...result.violations.map((v) => ({ ...v, mode })));
      }
    }

    await Promise.all([...Array.from({ length: ACTORS }, (_, i) => actor(i)), relay(), checker()]);

    expect(unexpected).toEqual([]);
    expect(placed).toBeGreaterThan(50);
    expect(paid).toBeGreaterThan(20);
    expect(runs.recent).toBeGreaterThan(3);
    expect(runs.full).toBeGreaterThan(3);
    expect(found).toEqual([]);
    // And once it is all over, the shop is as healthy as the checks said.
    await drainOutbox(world.db);
    expect(await world.violations()).toEqual([]);
  });
});
