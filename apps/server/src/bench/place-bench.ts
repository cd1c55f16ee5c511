/**
 * Placement throughput over HTTP against a running Stockpulse (`npm start`):
 *   node --import tsx apps/server/src/bench/place-bench.ts [url] [clients] [seconds]
 * Registers one customer per client, then each client places 3-line orders over the
 * seeded catalog back to back for the given time; prints orders/s and latency p50/p99.
 * Loopback only, bounded in time. (Issue 7's `npm run bench` grows from this.)
 */
import type { AppRouter } from '@stockpulse/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';

const [url = 'http://127.0.0.1:3000', clientsArg = '16', secondsArg = '10'] = process.argv.slice(2);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url)) throw new Error('loopback URLs only');

function client() {
  let cookie = '';
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => (cookie ? { cookie } : {}),
        fetch: async (input, init) => {
          const response = await fetch(input, init as RequestInit);
          const set = response.headers.get('set-cookie');
          if (set) cookie = set.split(';')[0]!;
          return response;
        },
      }),
    ],
  });
}

const run = Date.now().toString(36);
const shoppers = await Promise.all(
  Array.from({ length: clients }, async (_, i) => {
    const api = client();
    await api.auth.register.mutate({
      email: `bench-${run}-${i}@example.com`,
      password: 'bench-password-1',
      name: `Bench ${i}`,
    });
    await api.account.update.mutate({
      address: { line1: '1 Bench St', city: 'Loop', postalCode: '12345', country: 'US' },
    });
    return api;
  }),
);
const catalog = shoppers[0]!;
const productIds: number[] = [];
for (let cursor: string | null | undefined; productIds.length < 1000; ) {
  const page = await catalog.catalog.list.query({
    inStockOnly: true,
    limit: 100,
    cursor: cursor ?? undefined,
  });
  productIds.push(...page.items.map((p) => p.id));
  cursor = page.nextCursor;
  if (!cursor) break;
}

const latencies: number[] = [];
let outOfStock = 0;
let errors = 0;
const deadline = Date.now() + seconds * 1000;
let n = 0;
await Promise.all(
  shoppers.map(async (api) => {
    while (Date.now() < deadline) {
      const ids = new Set<number>();
      while (ids.size < Math.min(3, productIds.length))
        ids.add(productIds[Math.floor(Math.random() * productIds.length)]!);
      const started = performance.now();
      try {
        await api.orders.place.mutate({
          items: [...ids].map((productId) => ({ productId, quantity: 1 })),
          idempotencyKey: `bench-${run}-${++n}`,
        });
        latencies.push(performance.now() - started);
      } catch (error) {
        if (error instanceof TRPCClientError && error.data?.cause === 'OUT_OF_STOCK') outOfStock++;
        else errors++;
      }
    }
  }),
);
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
console.log(
  JSON.stringify({
    clients,
    seconds,
    placed: latencies.length,
    ordersPerSecond: +(latencies.length / seconds).toFixed(1),
    p50ms: at(0.5),
    p99ms: at(0.99),
    outOfStock,
    errors,
  }),
);
