/**
 * The load generator's HTTP client: the real tRPC client (`httpLink`, superjson, the
 * session cookie) over undici's `Pool.request` instead of Node's global `fetch`.
 *
 * The runner shares the machine's cores with the stack it measures, so its own cost is
 * taken from the server's. Node's `fetch` (undici's WHATWG layer: Request, Headers,
 * AbortSignal and a body stream per call) cost 0.8 ms of CPU per checkout in the runner;
 * `Pool.request` costs 0.35 (`bench/results`, "the runner"). tRPC's httpLink only calls
 * `fetch(url, { method, headers, body, signal })` and reads `response.json()`.
 */
import { Pool } from 'undici';

const pools = new Map<string, Pool>();

/** A `fetch` for tRPC's httpLink, over one keep-alive pool per origin. */
export function poolFetch(url: string): typeof fetch {
  const { origin } = new URL(url);
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 256 });
    pools.set(origin, pool);
  }
  const target = pool;
  const lean = async (input: string | URL | Request, init?: RequestInit) => {
    const { pathname, search } = new URL(String(input));
    const response = await target.request({
      path: pathname + search,
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      headers: init?.headers as Record<string, string> | undefined,
      body: (init?.body as string | undefined) ?? null,
      signal: init?.signal ?? undefined,
    });
    return {
      ok: response.statusCode >= 200 && response.statusCode < 300,
      status: response.statusCode,
      json: () => response.body.json(),
    };
  };
  return lean as unknown as typeof fetch;
}

/** Closes every pool (the end of a run). */
export async function closeHttpPools(): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.close()));
  pools.clear();
}
