/**
 * Every list, page, history and report call, as a tRPC path and its input on a given shop. Paths rather than
 * typed calls: a procedure another change is still adding (`admin.orders.counts`, the
 * `mode` of `admin.inventory.check`) is tried, and reported as missing if the server
 * does not have it, instead of failing to compile.
 */
import type { AppRouter } from '@stockpulse/api';
import { ORDER_STATUSES } from '@stockpulse/shared';
import type { TRPCClient } from '@trpc/client';

const DAY = 86_400_000;

export type Client = TRPCClient<AppRouter>;

/** What the inputs are made of, looked up on each shop (shop-facts.ts). */
export interface ShopFacts {
  /** The customer with the most orders. */
  busiest: { id: number; email: string; surname: string; orders: number };
  /** An order in the middle of the history. */
  orderId: number;
  /** The best-selling product (the longest ledger): for the ledger. */
  productId: number;
  /** A word of product names, and a category. */
  word: string;
  category: string;
  /** The history's end: the sales ranges end here. */
  historyEnd: Date;
}

export interface Call {
  name: string;
  as: 'admin' | 'customer';
  path: string;
  /** The input; may call the procedure first (untimed) for a cursor to page 2. */
  input(facts: ShopFacts, client: Client): Promise<unknown> | unknown;
  /** A fallback when the server refuses `input` (BAD_REQUEST), e.g. an input not added yet. */
  fallback?: { input: unknown; note: string };
  /**
   * The figure when it is not every list's (under 100 ms and at most 2× the 10k
   * shop): the invariant check's recent mode "in about a second", its full mode under 30 s.
   */
  target?: Target;
}

export interface Target {
  /** The reference shop's median must be under this. */
  ms: number;
  /** …and at most this many times the 10k shop's (null: no such bound). */
  ratio: number | null;
}

export const LIST_TARGET: Target = { ms: 100, ratio: 2 };

type Procedure = {
  query(input?: unknown): Promise<unknown>;
  mutate(input?: unknown): Promise<unknown>;
};

/** `client.admin.orders.list` from `'admin.orders.list'`. */
export function procedure(client: Client, path: string): Procedure {
  let node: unknown = client;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as Procedure;
}

/** The input of page 2: page 1's `nextCursor` (page 1 is fetched untimed). */
async function pageTwo(client: Client, path: string, input: Record<string, unknown>) {
  const page = (await procedure(client, path).query(input)) as { nextCursor?: unknown };
  if (!page.nextCursor) throw new Error(`${path}: page 1 has no next page`);
  return { ...input, cursor: page.nextCursor };
}

function sales(name: string, days: number, bucket: 'hour' | 'day', fromMidnight = false): Call {
  return {
    name,
    as: 'admin',
    path: 'admin.sales.summary',
    input: ({ historyEnd }) => {
      const to = historyEnd;
      const from = fromMidnight
        ? new Date(Math.floor(to.getTime() / DAY) * DAY)
        : new Date(to.getTime() - days * DAY);
      return { from, to, bucket };
    },
  };
}

export const CALLS: Call[] = [
  { name: 'admin.orders.list {}', as: 'admin', path: 'admin.orders.list', input: () => ({}) },
  ...ORDER_STATUSES.map(
    (status): Call => ({
      name: `admin.orders.list status ${status}`,
      as: 'admin',
      path: 'admin.orders.list',
      input: () => ({ status }),
    }),
  ),
  ...(['oldest', 'total_desc', 'total_asc'] as const).map(
    (sort): Call => ({
      name: `admin.orders.list sort ${sort}`,
      as: 'admin',
      path: 'admin.orders.list',
      input: () => ({ sort }),
    }),
  ),
  {
    name: 'admin.orders.list search #id',
    as: 'admin',
    path: 'admin.orders.list',
    input: (f) => ({ search: `#${f.orderId}` }),
  },
  {
    name: 'admin.orders.list search surname',
    as: 'admin',
    path: 'admin.orders.list',
    input: (f) => ({ search: f.busiest.surname }),
  },
  {
    name: 'admin.orders.list search email',
    as: 'admin',
    path: 'admin.orders.list',
    input: (f) => ({ search: f.busiest.email }),
  },
  {
    name: 'admin.orders.list page 2',
    as: 'admin',
    path: 'admin.orders.list',
    input: (_, client) => pageTwo(client, 'admin.orders.list', {}),
  },
  { name: 'admin.orders.counts', as: 'admin', path: 'admin.orders.counts', input: () => undefined },
  {
    name: 'admin.customers.list {}',
    as: 'admin',
    path: 'admin.customers.list',
    input: () => ({}),
  },
  {
    name: 'admin.customers.list search surname',
    as: 'admin',
    path: 'admin.customers.list',
    input: (f) => ({ search: f.busiest.surname }),
  },
  {
    name: 'admin.customers.byId (busiest)',
    as: 'admin',
    path: 'admin.customers.byId',
    input: (f) => ({ id: f.busiest.id }),
  },
  {
    name: 'admin.inventory.list {}',
    as: 'admin',
    path: 'admin.inventory.list',
    input: () => ({}),
  },
  {
    name: 'admin.inventory.list lowStockOnly',
    as: 'admin',
    path: 'admin.inventory.list',
    input: () => ({ lowStockOnly: true }),
  },
  {
    name: 'admin.inventory.list search',
    as: 'admin',
    path: 'admin.inventory.list',
    input: (f) => ({ search: f.word }),
  },
  { name: 'admin.restocks.list {}', as: 'admin', path: 'admin.restocks.list', input: () => ({}) },
  {
    name: 'admin.inventory.ledger (best seller)',
    as: 'admin',
    path: 'admin.inventory.ledger',
    input: (f) => ({ productId: f.productId }),
  },
  { name: 'catalog.list {}', as: 'customer', path: 'catalog.list', input: () => ({}) },
  {
    name: 'catalog.list search',
    as: 'customer',
    path: 'catalog.list',
    input: (f) => ({ search: f.word }),
  },
  {
    name: 'catalog.list category',
    as: 'customer',
    path: 'catalog.list',
    input: (f) => ({ category: f.category }),
  },
  {
    name: 'catalog.list inStockOnly',
    as: 'customer',
    path: 'catalog.list',
    input: () => ({ inStockOnly: true }),
  },
  { name: 'orders.mine (busiest)', as: 'customer', path: 'orders.mine', input: () => ({}) },
  {
    name: 'orders.mine (busiest) page 2',
    as: 'customer',
    path: 'orders.mine',
    input: (_, client) => pageTwo(client, 'orders.mine', {}),
  },
  sales('admin.sales.summary today by hour', 1, 'hour', true),
  sales('admin.sales.summary 30 days by day', 30, 'day'),
  sales('admin.sales.summary 90 days by day', 90, 'day'),
  sales('admin.sales.summary 365 days by day', 365, 'day'),
  sales('admin.sales.summary 2 years by day', 730, 'day'),
  sales('admin.sales.summary 31 days by hour', 31, 'hour'),
  {
    name: 'admin.inventory.check recent',
    as: 'admin',
    path: 'admin.inventory.check',
    input: () => ({ mode: 'recent' }),
    target: { ms: 1_000, ratio: null },
  },
  {
    name: 'admin.inventory.check full',
    as: 'admin',
    path: 'admin.inventory.check',
    input: () => ({ mode: 'full' }),
    fallback: { input: undefined, note: 'no `mode` input yet: the one check there is' },
    target: { ms: 30_000, ratio: null },
  },
];
