import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { appRouter } from '../../root';
import { type AdminHarness, openAdminHarness, trpcError } from '../../testing';

// Every procedure under `admin.`, read from the router itself: one added later is covered
// without touching this file.
const adminPaths = Object.keys(appRouter._def.procedures)
  .filter((path) => path.startsWith('admin.'))
  .sort();

type AnyCaller = Record<string, unknown>;
function procedureAt(caller: AnyCaller, path: string) {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as AnyCaller)[key], caller);
  return fn as (input?: unknown) => Promise<unknown>;
}

let harness: AdminHarness;
beforeAll(async () => {
  harness = await openAdminHarness();
});
afterAll(() => harness.close());

describe('the admin API', () => {
  it('has the procedures of DESIGN §7', () => {
    expect(adminPaths).toEqual(
      expect.arrayContaining([
        'admin.orders.list',
        'admin.orders.byId',
        'admin.orders.transition',
        'admin.orders.cancelLines',
        'admin.fulfilment.queue',
        'admin.fulfilment.ship',
        'admin.fulfilment.shipMany',
        'admin.inventory.list',
        'admin.inventory.adjust',
        'admin.inventory.setPolicy',
        'admin.inventory.restock',
        'admin.inventory.ledger',
        'admin.inventory.check',
        'admin.products.create',
        'admin.products.update',
        'admin.products.archive',
        'admin.products.list',
        'admin.customers.list',
        'admin.customers.byId',
        'admin.sales.summary',
      ]),
    );
  });

  it('is FORBIDDEN to a customer and UNAUTHORIZED to an anonymous caller, whatever the input', async () => {
    const before = await harness.digest();
    const customer = (await harness.asCustomer()) as unknown as AnyCaller;
    const anonymous = (await harness.asAnonymous()) as unknown as AnyCaller;
    const productId = await harness.world.addProduct({ onHand: 5 });
    const beforeProbes = await harness.digest();
    expect(beforeProbes).not.toBe(before);
    // Valid-looking inputs too: the role check comes before anything else.
    const inputs = [
      undefined,
      {},
      { id: productId, productId, delta: 1, reason: 'x', quantity: 1 },
    ];
    for (const path of adminPaths) {
      for (const input of inputs) {
        const forbidden = await trpcError(procedureAt(customer, path)(input));
        expect(forbidden.code, path).toBe('FORBIDDEN');
        const unauthorized = await trpcError(procedureAt(anonymous, path)(input));
        expect(unauthorized.code, path).toBe('UNAUTHORIZED');
      }
    }
    expect(await harness.digest()).toBe(beforeProbes);
  });

  it('answers the admin', async () => {
    const { admin } = await harness.asAdmin();
    expect(await admin.inventory.check()).toMatchObject({ ok: true, violations: [] });
  });
});
