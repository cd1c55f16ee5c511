// Test-only (the EXPLAIN guardrail): every query procedure of the request path, in each
// variant whose plan can differ (filter, sort, search, later page), as one table. To cover
// a new list or filter, add a row; a query procedure in neither CALLS nor NOT_EXPLAINED
// fails the guardrail until it is classified.

import { ADMIN_ORDER_SORTS, type Session } from '@stockpulse/core';
import type { DatabaseHandle } from '@stockpulse/db';
import { ORDER_STATUSES, RESTOCK_STATUSES } from '@stockpulse/shared';

type Pool = DatabaseHandle['pool'];

/** What the calls need to know about the shop: who and what is busiest, words to search. */
export interface Shop {
  admin: Session;
  /** The customer with the most orders (signed in for `orders.*` and `account.*`). */
  busyCustomer: Session;
  /** The busy customer's newest order. */
  orderId: number;
  /** The busy customer's surname and a piece of their email's local part. */
  surname: string;
  emailFragment: string;
  /** The product with the longest stock ledger, its category and a word of its name. */
  busyProductId: number;
  category: string;
  productWord: string;
  /** A category with subcategories (the seed's "Home & Living"): its filter merges ranges. */
  parentCategoryId: number;
  /** The end of the shop's history (the seed's `now`). */
  now: Date;
}

export type Role = 'admin' | 'customer' | 'anonymous';

/** What an earlier row of the table answered, by its name (for second pages). */
export type Earlier = (name: string) => unknown;

export interface Call {
  /** Unique; second pages name the row they continue. */
  name: string;
  /** The procedure's path on the app router, e.g. `admin.orders.list`. */
  path: string;
  as: Role;
  input?: (shop: Shop, earlier: Earlier) => unknown;
  /**
   * Tables the call must be seen to read: each must be named by one of its recorded
   * reads, or the capture (or the row) is broken and the row fails. Every call must send
   * at least one read.
   */
  reads: string[];
  /**
   * Problems reviewed and accepted for this row (matched against the problem's text),
   * each with why it holds on the reference shop. One that no longer occurs fails the
   * row, so an exception does not outlive its reason.
   */
  accept?: { problem: RegExp; because: string }[];
}

/** Query procedures left out, each with why it is not a request-path list or report. */
export const NOT_EXPLAINED: Record<string, string> = {
  'auth.me': 'answers from the session already in its context: no SQL',
  'admin.inventory.check':
    'the invariant check reads every row by design; it has its own time budget (DESIGN §10)',
  'admin.queues.stats': 'BullMQ queue counts, from Redis: no SQL',
  'admin.queues.failed': 'BullMQ failed jobs, from Redis: no SQL',
  'admin.locations.byId': 'one row by primary key, of a table of a handful of rows',
  'admin.imports.byId':
    'one import by primary key and a page of its errors by their primary key (import_id, row)',
  'admin.returns.byId':
    'one return by primary key, its order and customer by theirs, its lines by (return_id, order_detail_id)',
  'admin.transfers.byId':
    'one transfer by primary key and its lines by their primary key (transfer_id, variant_id)',
};

const DAY_MS = 86_400_000;

/** The input of the page after the one row `of` answered (which must have had one). */
function nextPage(of: string, input: Record<string, unknown> = {}) {
  return (_shop: Shop, earlier: Earlier) => {
    const page = earlier(of) as { nextCursor?: string | null } | undefined;
    if (!page?.nextCursor) {
      throw new Error(`"${of}" answered no next page (it failed, or the shop is too small)`);
    }
    return { ...input, cursor: page.nextCursor };
  };
}

const fixed = (input: unknown) => () => input;

const adminOrders: Call[] = [
  { name: 'admin.orders.list {}', path: 'admin.orders.list', as: 'admin', reads: ['orders'] },
  ...ADMIN_ORDER_SORTS.map(
    (sort): Call => ({
      name: `admin.orders.list {sort: ${sort}}`,
      path: 'admin.orders.list',
      as: 'admin',
      input: fixed({ sort }),
      reads: ['orders'],
    }),
  ),
  ...ORDER_STATUSES.flatMap((status) =>
    ADMIN_ORDER_SORTS.map(
      (sort): Call => ({
        name: `admin.orders.list {status: ${status}, sort: ${sort}}`,
        path: 'admin.orders.list',
        as: 'admin',
        input: fixed({ status, sort }),
        reads: ['orders'],
      }),
    ),
  ),
  {
    name: 'admin.orders.list {search: #order id}',
    path: 'admin.orders.list',
    as: 'admin',
    input: (shop) => ({ search: `#${shop.orderId}` }),
    reads: ['orders'],
  },
  {
    name: 'admin.orders.list {search: surname}',
    path: 'admin.orders.list',
    as: 'admin',
    input: (shop) => ({ search: shop.surname }),
    reads: ['orders', 'users'],
  },
  {
    name: 'admin.orders.list {search: email fragment}',
    path: 'admin.orders.list',
    as: 'admin',
    input: (shop) => ({ search: shop.emailFragment }),
    reads: ['orders', 'users'],
  },
  {
    name: 'admin.orders.list {} page 2',
    path: 'admin.orders.list',
    as: 'admin',
    input: nextPage('admin.orders.list {}'),
    reads: ['orders'],
  },
  ...ADMIN_ORDER_SORTS.filter((sort) => sort !== 'newest').map(
    (sort): Call => ({
      name: `admin.orders.list {sort: ${sort}} page 2`,
      path: 'admin.orders.list',
      as: 'admin',
      input: nextPage(`admin.orders.list {sort: ${sort}}`, { sort }),
      reads: ['orders'],
    }),
  ),
  {
    name: 'admin.orders.list {status: delivered, sort: total_desc} page 2',
    path: 'admin.orders.list',
    as: 'admin',
    input: nextPage('admin.orders.list {status: delivered, sort: total_desc}', {
      status: 'delivered',
      sort: 'total_desc',
    }),
    reads: ['orders'],
  },
  {
    name: 'admin.orders.list {search: surname} page 2',
    path: 'admin.orders.list',
    as: 'admin',
    input: (shop, earlier) =>
      nextPage('admin.orders.list {search: surname}', { search: shop.surname })(shop, earlier),
    reads: ['orders', 'users'],
  },
  {
    name: 'admin.orders.counts',
    path: 'admin.orders.counts',
    as: 'admin',
    reads: ['order_status_counts'],
  },
  {
    name: 'admin.orders.byId',
    path: 'admin.orders.byId',
    as: 'admin',
    input: (shop) => ({ id: shop.orderId }),
    reads: ['orders', 'order_details', 'order_events', 'users'],
  },
];

const adminCustomers: Call[] = [
  { name: 'admin.customers.list {}', path: 'admin.customers.list', as: 'admin', reads: ['users'] },
  {
    name: 'admin.customers.list {search: surname}',
    path: 'admin.customers.list',
    as: 'admin',
    input: (shop) => ({ search: shop.surname }),
    reads: ['users'],
  },
  {
    name: 'admin.customers.list {search: email fragment}',
    path: 'admin.customers.list',
    as: 'admin',
    input: (shop) => ({ search: shop.emailFragment }),
    reads: ['users'],
  },
  {
    name: 'admin.customers.list {} page 2',
    path: 'admin.customers.list',
    as: 'admin',
    input: nextPage('admin.customers.list {}'),
    reads: ['users', 'orders'],
  },
  {
    name: 'admin.customers.byId (busiest customer)',
    path: 'admin.customers.byId',
    as: 'admin',
    input: (shop) => ({ id: shop.busyCustomer.userId }),
    reads: ['users', 'orders'],
  },
];

const adminStock: Call[] = [
  {
    name: 'admin.inventory.list {}',
    path: 'admin.inventory.list',
    as: 'admin',
    reads: ['inventory'],
  },
  {
    name: 'admin.inventory.list {lowStockOnly}',
    path: 'admin.inventory.list',
    as: 'admin',
    input: fixed({ lowStockOnly: true }),
    reads: ['inventory'],
  },
  {
    name: 'admin.inventory.list {search}',
    path: 'admin.inventory.list',
    as: 'admin',
    input: (shop) => ({ search: shop.productWord }),
    reads: ['inventory', 'product_search_words'],
  },
  {
    name: 'admin.inventory.list {} page 2',
    path: 'admin.inventory.list',
    as: 'admin',
    input: nextPage('admin.inventory.list {}'),
    reads: ['inventory'],
  },
  {
    name: 'admin.inventory.list {locationId}',
    path: 'admin.inventory.list',
    as: 'admin',
    input: fixed({ locationId: 2 }),
    reads: ['inventory'],
  },
  {
    name: 'admin.inventory.product (busiest product)',
    path: 'admin.inventory.product',
    as: 'admin',
    input: (shop) => ({ productId: shop.busyProductId }),
    reads: ['inventory'],
  },
  {
    name: 'admin.imports.list',
    path: 'admin.imports.list',
    as: 'admin',
    reads: ['catalog_imports'],
  },
  {
    name: 'admin.locations.list',
    path: 'admin.locations.list',
    as: 'admin',
    reads: ['locations'],
  },
  {
    name: 'admin.transfers.list {}',
    path: 'admin.transfers.list',
    as: 'admin',
    reads: ['transfers'],
  },
  {
    name: 'admin.inventory.byId',
    path: 'admin.inventory.byId',
    as: 'admin',
    input: (shop) => ({ productId: shop.busyProductId }),
    reads: ['inventory'],
  },
  {
    name: 'admin.inventory.ledger (busiest product)',
    path: 'admin.inventory.ledger',
    as: 'admin',
    input: (shop) => ({ productId: shop.busyProductId }),
    // `users`: the names of the page's actors (customer:12, admin:3), one lookup by id.
    reads: ['stock_movements', 'users'],
  },
  {
    name: 'admin.inventory.ledger (busiest product) page 2',
    path: 'admin.inventory.ledger',
    as: 'admin',
    input: (shop, earlier) =>
      nextPage('admin.inventory.ledger (busiest product)', { productId: shop.busyProductId })(
        shop,
        earlier,
      ),
    reads: ['stock_movements', 'users'],
  },
  { name: 'admin.restocks.list {}', path: 'admin.restocks.list', as: 'admin', reads: ['restocks'] },
  ...RESTOCK_STATUSES.map(
    (status): Call => ({
      name: `admin.restocks.list {status: ${status}}`,
      path: 'admin.restocks.list',
      as: 'admin',
      input: fixed({ status }),
      reads: ['restocks'],
    }),
  ),
  { name: 'admin.returns.list {}', path: 'admin.returns.list', as: 'admin', reads: ['returns'] },
  {
    name: 'admin.returns.list {status: requested}',
    path: 'admin.returns.list',
    as: 'admin',
    input: fixed({ status: 'requested' }),
    reads: ['returns'],
  },
  { name: 'admin.restocks.open {}', path: 'admin.restocks.open', as: 'admin', reads: ['restocks'] },
  {
    name: 'admin.restocks.list {} page 2',
    path: 'admin.restocks.list',
    as: 'admin',
    input: nextPage('admin.restocks.list {}'),
    reads: ['restocks'],
  },
  {
    name: 'admin.products.categories',
    path: 'admin.products.categories',
    as: 'admin',
    reads: ['categories', 'products'],
  },
  {
    name: 'admin.categories.list',
    path: 'admin.categories.list',
    as: 'admin',
    reads: ['categories', 'products'],
  },
  { name: 'admin.products.list {}', path: 'admin.products.list', as: 'admin', reads: ['products'] },
  {
    name: 'admin.products.list {search, includeArchived}',
    path: 'admin.products.list',
    as: 'admin',
    input: (shop) => ({ search: shop.productWord, includeArchived: true }),
    reads: ['products', 'product_search_words'],
  },
  {
    name: 'admin.products.list {} page 2',
    path: 'admin.products.list',
    as: 'admin',
    input: nextPage('admin.products.list {}'),
    reads: ['products'],
  },
  {
    name: 'admin.products.byId',
    path: 'admin.products.byId',
    as: 'admin',
    input: (shop) => ({ id: shop.busyProductId }),
    reads: ['products', 'product_images'],
  },
  {
    name: 'admin.images.list',
    path: 'admin.images.list',
    as: 'admin',
    input: (shop) => ({ productId: shop.busyProductId }),
    reads: ['products', 'product_images'],
  },
];

/** [from, to) ending at the shop's last full hour. */
function salesRange(days: number, bucket: 'day' | 'hour') {
  return (shop: Shop) => {
    const to = new Date(Math.floor(shop.now.getTime() / 3_600_000) * 3_600_000);
    return { from: new Date(to.getTime() - days * DAY_MS), to, bucket };
  };
}

const adminSales: Call[] = [
  ...(
    [
      [30, 'day'],
      [1, 'hour'],
      [731, 'day'],
      [31, 'hour'],
    ] as const
  ).map(
    ([days, bucket]): Call => ({
      name: `admin.sales.summary ${days === 1 ? '24 h' : `${days} days`} by ${bucket}`,
      path: 'admin.sales.summary',
      as: 'admin',
      input: salesRange(days, bucket),
      reads: [],
    }),
  ),
];

const storefront: Call[] = [
  {
    name: 'catalog.list {}',
    path: 'catalog.list',
    as: 'anonymous',
    // The page's first photos: one read of the page's ids.
    reads: ['products', 'product_images'],
  },
  {
    name: 'catalog.list {search}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ search: shop.productWord }),
    reads: ['products', 'product_search_words'],
  },
  {
    name: 'catalog.list {search, category, inStockOnly}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ search: shop.productWord, category: shop.category, inStockOnly: true }),
    reads: ['products', 'product_search_words'],
  },
  {
    name: 'catalog.list {search: two words, one a short prefix}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ search: `s ${shop.productWord}` }),
    reads: ['products', 'product_search_words'],
  },
  {
    name: 'catalog.list {search: one letter}',
    path: 'catalog.list',
    as: 'anonymous',
    input: () => ({ search: 's' }),
    reads: ['products', 'product_search_words'],
  },
  {
    name: 'catalog.list {category}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ category: shop.category }),
    reads: ['products'],
  },
  {
    name: 'catalog.list {categoryId: a parent}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ categoryId: shop.parentCategoryId }),
    reads: ['categories', 'products'],
  },
  {
    name: 'catalog.list {categoryId: a parent} page 2',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop, earlier) => ({
      categoryId: shop.parentCategoryId,
      cursor: (earlier('catalog.list {categoryId: a parent}') as { nextCursor: string }).nextCursor,
    }),
    reads: ['products'],
  },
  {
    name: 'catalog.list {categoryId: a parent, inStockOnly}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ categoryId: shop.parentCategoryId, inStockOnly: true }),
    reads: ['products'],
  },
  {
    name: 'catalog.list {search, categoryId: a parent}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ search: shop.productWord, categoryId: shop.parentCategoryId }),
    reads: ['products', 'product_search_words'],
  },
  {
    name: 'catalog.list {inStockOnly}',
    path: 'catalog.list',
    as: 'anonymous',
    input: fixed({ inStockOnly: true }),
    reads: ['products'],
  },
  {
    name: 'catalog.list {category, inStockOnly}',
    path: 'catalog.list',
    as: 'anonymous',
    input: (shop) => ({ category: shop.category, inStockOnly: true }),
    reads: ['products'],
  },
  {
    name: 'catalog.list {} page 2',
    path: 'catalog.list',
    as: 'anonymous',
    input: nextPage('catalog.list {}'),
    reads: ['products'],
  },
  {
    name: 'catalog.byId',
    path: 'catalog.byId',
    as: 'anonymous',
    input: (shop) => ({ id: shop.busyProductId }),
    reads: ['products'],
  },
  {
    name: 'catalog.categories',
    path: 'catalog.categories',
    as: 'anonymous',
    reads: ['categories', 'products'],
  },
  {
    name: 'orders.mine (busiest customer)',
    path: 'orders.mine',
    as: 'customer',
    reads: ['orders'],
  },
  {
    name: 'orders.mine (busiest customer) page 2',
    path: 'orders.mine',
    as: 'customer',
    input: nextPage('orders.mine (busiest customer)'),
    reads: ['orders'],
  },
  {
    name: 'orders.byId',
    path: 'orders.byId',
    as: 'customer',
    input: (shop) => ({ id: shop.orderId }),
    reads: ['orders', 'order_details'],
  },
  { name: 'account.get', path: 'account.get', as: 'customer', reads: ['customers'] },
];

/** The fulfilment queue (DESIGN §12): each status one range of orders_status_time_idx. */
const adminFulfilment: Call[] = [
  {
    name: 'admin.fulfilment.queue {}',
    path: 'admin.fulfilment.queue',
    as: 'admin',
    reads: ['orders', 'order_details'],
  },
  {
    name: 'admin.fulfilment.queue {} page 2',
    path: 'admin.fulfilment.queue',
    as: 'admin',
    input: nextPage('admin.fulfilment.queue {}'),
    reads: ['orders', 'order_details'],
  },
  {
    name: 'admin.fulfilment.queue {locationId: 1}',
    path: 'admin.fulfilment.queue',
    as: 'admin',
    input: fixed({ locationId: 1 }),
    reads: ['orders', 'order_details'],
  },
];

export const CALLS: Call[] = [
  ...adminOrders,
  ...adminFulfilment,
  ...adminCustomers,
  ...adminStock,
  ...adminSales,
  ...storefront,
];

async function rowsOf<T>(pool: Pool, sql: string, values?: unknown[]): Promise<T[]> {
  const [rows] = await pool.query(sql, values);
  return rows as unknown as T[];
}

const SESSION_EXPIRES_AT = new Date(Date.UTC(2100, 0, 1));

function sessionOf(user: { id: number; email: string; name: string }, role: Session['role']) {
  return {
    userId: user.id,
    role,
    email: user.email,
    name: user.name,
    tokenHash: `explain-guardrail-${role}`,
    expiresAt: SESSION_EXPIRES_AT,
  } satisfies Session;
}

/**
 * The shop's busiest customer and product and words to search for, read from `pool`'s
 * database (read-only: it may be the shared reference shop). Not on any request path:
 * these statements are not recorded.
 */
export async function discoverShop(pool: Pool, now: Date): Promise<Shop> {
  const [admin] = await rowsOf<{ id: number; email: string; name: string }>(
    pool,
    "SELECT id, email, name FROM users WHERE role = 'admin' ORDER BY id LIMIT 1",
  );
  const [busy] = await rowsOf<{ id: number; email: string; name: string }>(
    pool,
    `SELECT u.id, u.email, u.name FROM users u JOIN (
       SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id ORDER BY n DESC, customer_id LIMIT 1
     ) b ON b.customer_id = u.id`,
  );
  const [order] = await rowsOf<{ id: number }>(
    pool,
    'SELECT id FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
    [busy?.id],
  );
  const [product] = await rowsOf<{ id: number; name: string; category: string }>(
    pool,
    `SELECT p.id, p.name, p.category FROM products p JOIN variants v ON v.product_id = p.id JOIN (
       SELECT variant_id, COUNT(*) AS n FROM stock_movements GROUP BY variant_id ORDER BY n DESC, variant_id LIMIT 1
     ) b ON b.variant_id = v.id`,
  );
  const [parent] = await rowsOf<{ id: number }>(
    pool,
    'SELECT parent_id AS id FROM categories WHERE parent_id IS NOT NULL ORDER BY parent_id LIMIT 1',
  );
  if (!admin || !busy || !order || !product || !parent) {
    throw new Error('the shop needs an admin, a customer with orders and a product with stock');
  }
  const surname = busy.name.trim().split(/\s+/).at(-1)!;
  const local = busy.email.split('@')[0]!;
  const productWord =
    product.name.split(/[^A-Za-z]+/).find((word) => word.length >= 4) ?? product.name;
  return {
    admin: sessionOf(admin, 'admin'),
    busyCustomer: sessionOf(busy, 'customer'),
    orderId: order.id,
    surname,
    emailFragment: local.slice(0, 5),
    busyProductId: product.id,
    category: product.category,
    productWord,
    parentCategoryId: parent.id,
    now,
  };
}
