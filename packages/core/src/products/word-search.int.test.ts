import { productWords, schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeStockCursor, listStock } from '../inventory/stock-list';
import { openWorld, type World } from '../testing/world';
import { type AdminProductQuery, decodeAdminProductCursor, listAdminProducts } from './admin-list';
import { createProduct, updateProduct } from './manage';
import { type CatalogQuery, decodeCatalogCursor, listCatalog } from './storefront-list';
import { MAX_PREFIX_WORDS } from './word-search';

// Search through `product_search_words` (word-search.ts) against an oracle that knows
// nothing of that table: every product's words computed here, the lists' order read from
// `products` itself.

let database: TestDatabase;
let world: World;
let adminId: number;
const { products } = schema;

async function add(
  name: string,
  options: { sku?: string; description?: string; category?: string; stock?: number } = {},
) {
  const product = await createProduct(world.db, {
    sku: options.sku ?? `S-${Math.random().toString(36).slice(2, 10)}`,
    name,
    description: options.description ?? '',
    category: options.category ?? 'Home',
    priceCents: 500,
    initialStock: options.stock ?? 1,
    adminId,
  });
  return product.id;
}

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
  adminId = (await world.addCustomer({ name: 'Ada Admin', role: 'admin' })).id;
  await add('Blue Mug', { description: 'Holds tea. Dishwasher safe.' });
  await add('Mugs, set of 4', { category: 'Kitchen' });
  await add('Smuggler bag', { description: 'Not a mug.' });
  await add('Tea kettle', { sku: 'ZQX-77' });
  await add('Café crème cup', { description: 'İSTANBUL ΟΔΟΣ' });
  // A frequent word under two words of its prefix ("pot", "pots"), names repeating, in
  // two categories, some out of stock.
  for (let i = 0; i < 45; i++) {
    const name = `${i % 2 ? 'Pots' : 'Pot'} ${String.fromCharCode(65 + (i % 7))}`;
    await add(name, {
      category: i % 5 === 0 ? 'Kitchen' : 'Home',
      stock: i % 3 === 0 ? 0 : 2,
      description: i % 4 === 0 ? 'A clay pot' : 'Stoneware',
    });
  }
  // More distinct words of one prefix than the search drives from.
  for (let i = 0; i < MAX_PREFIX_WORDS + 3; i++) await add(`Vase qv${i}x`, { stock: i % 2 });
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

/** The oracle: active (unless archived are wanted) products with every term as a word prefix, by (name, id). */
async function expected(
  terms: string[],
  filter: { archived?: boolean; category?: string; inStock?: boolean } = {},
) {
  const rows = await world.db
    .select({
      id: products.id,
      name: products.name,
      sku: products.sku,
      description: products.description,
      category: products.category,
      active: products.active,
      available: schema.inventory.available,
    })
    .from(products)
    .leftJoin(schema.inventory, eq(schema.inventory.productId, products.id))
    .orderBy(asc(products.name), asc(products.id));
  return rows
    .filter((p) => filter.archived || p.active)
    .filter((p) => filter.category === undefined || p.category === filter.category)
    .filter((p) => !filter.inStock || (p.available ?? 0) > 0)
    .filter((p) => {
      const words = productWords(p);
      return terms.every((t) => words.some((w) => w.startsWith(t)));
    })
    .map((p) => p.id);
}

async function catalogPages(query: Omit<CatalogQuery, 'cursor'>) {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await listCatalog(world.db, {
      ...query,
      cursor: cursor ? (decodeCatalogCursor(cursor) ?? undefined) : undefined,
    });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function adminPages(query: Omit<AdminProductQuery, 'cursor'>) {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await listAdminProducts(world.db, {
      ...query,
      cursor: cursor ? (decodeAdminProductCursor(cursor) ?? undefined) : undefined,
    });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function stockPages(search: string, limit: number, lowStockOnly = false) {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await listStock(world.db, {
      search,
      limit,
      lowStockOnly,
      cursor: cursor ? (decodeStockCursor(cursor, lowStockOnly) ?? undefined) : undefined,
    });
    ids.push(...page.items.map((item) => item.productId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const names = async (ids: number[]) => {
  const byId = new Map(
    (await world.db.select({ id: products.id, name: products.name }).from(products)).map((p) => [
      p.id,
      p.name,
    ]),
  );
  return ids.map((id) => byId.get(id));
};

describe('product search through the word index', () => {
  it('finds a word and a prefix of it at the start of words only', async () => {
    expect(await names(await catalogPages({ search: 'mug', limit: 10 }))).toEqual([
      'Blue Mug',
      'Mugs, set of 4',
      'Smuggler bag', // "Not a mug." is its description
    ]);
    expect(await catalogPages({ search: 'MU', limit: 10 })).toEqual(await expected(['mu']));
    expect(await catalogPages({ search: 'smu', limit: 10 })).toEqual(await expected(['smu']));
    expect(await names(await catalogPages({ search: 'ugg', limit: 10 }))).toEqual([]);
  });

  it('requires every word, from the name, the SKU or the description', async () => {
    expect(await names(await catalogPages({ search: 'blue mug', limit: 10 }))).toEqual([
      'Blue Mug',
    ]);
    expect(await names(await catalogPages({ search: 'mug dishw', limit: 10 }))).toEqual([
      'Blue Mug',
    ]);
    expect(await names(await catalogPages({ search: 'holds', limit: 10 }))).toEqual(['Blue Mug']);
    expect(await names(await catalogPages({ search: 'zqx', limit: 10 }))).toEqual(['Tea kettle']);
    expect(await names(await catalogPages({ search: '77 kettle', limit: 10 }))).toEqual([
      'Tea kettle',
    ]);
    expect(await names(await catalogPages({ search: 'blue kettle', limit: 10 }))).toEqual([]);
    expect(await names(await catalogPages({ search: 'crème istanbul οδοσ', limit: 10 }))).toEqual([
      'Café crème cup',
    ]);
  });

  it('pages of a frequent word concatenate to exactly the whole result', async () => {
    const all = await expected(['pot']);
    expect(all).toHaveLength(45);
    for (const limit of [1, 4, 7, 50]) {
      expect(await catalogPages({ search: 'pot', limit })).toEqual(all);
    }
    expect(await catalogPages({ search: 'pots', limit: 4 })).toEqual(await expected(['pots']));
    expect(await catalogPages({ search: 'pot clay', limit: 3 })).toEqual(
      await expected(['pot', 'clay']),
    );
  });

  it('applies the filters, reading further when they reject a batch', async () => {
    const kitchen = await expected(['pot'], { category: 'Kitchen' });
    expect(kitchen).toHaveLength(9);
    expect(await catalogPages({ search: 'pot', category: 'Kitchen', limit: 2 })).toEqual(kitchen);
    const stocked = await expected(['pot'], { category: 'Kitchen', inStock: true });
    expect(stocked.length).toBeGreaterThan(0);
    expect(stocked.length).toBeLessThan(kitchen.length);
    expect(
      await catalogPages({ search: 'pot', category: 'Kitchen', inStockOnly: true, limit: 2 }),
    ).toEqual(stocked);
    expect(await catalogPages({ search: 'pot', category: 'Garden', limit: 2 })).toEqual([]);
  });

  it('reads the catalog in name order for a prefix of too many words', async () => {
    const all = await expected(['qv']);
    expect(all).toHaveLength(MAX_PREFIX_WORDS + 3);
    expect(await catalogPages({ search: 'qv', limit: 6 })).toEqual(all);
    expect(await catalogPages({ search: 'qv', inStockOnly: true, limit: 6 })).toEqual(
      await expected(['qv'], { inStock: true }),
    );
    expect(await catalogPages({ search: 'vase qv1', limit: 6 })).toEqual(
      await expected(['vase', 'qv1']),
    );
  });

  it('gives the staff lists the same words, archived products included', async () => {
    expect(await stockPages('pot', 4)).toEqual(await expected(['pot'], { archived: true }));
    expect(await adminPages({ search: 'pot', limit: 4, includeArchived: true })).toEqual(
      await expected(['pot'], { archived: true }),
    );
    const lowStock = await stockPages('pot', 4, true);
    expect(new Set(lowStock).size).toBe(lowStock.length);
    const pots = new Set(await expected(['pot'], { archived: true }));
    expect(lowStock.length).toBeGreaterThan(0);
    expect(lowStock.every((id) => pots.has(id))).toBe(true);
  });

  it('follows a rename and an archive', async () => {
    const [blue] = await catalogPages({ search: 'blue', limit: 10 });
    await updateProduct(world.db, blue!, { name: 'Green Beaker', description: 'Holds coffee' });
    expect(await catalogPages({ search: 'blue', limit: 10 })).toEqual([]);
    expect(await catalogPages({ search: 'mug tea', limit: 10 })).toEqual([]);
    expect(await catalogPages({ search: 'beaker coff', limit: 10 })).toEqual([blue]);

    const [kettle] = await catalogPages({ search: 'kettle', limit: 10 });
    await updateProduct(world.db, kettle!, { active: false });
    expect(await catalogPages({ search: 'kettle', limit: 10 })).toEqual([]);
    expect(await adminPages({ search: 'kettle', limit: 10 })).toEqual([]);
    expect(await adminPages({ search: 'kettle', limit: 10, includeArchived: true })).toEqual([
      kettle,
    ]);
    expect(await stockPages('zqx', 10)).toEqual([kettle]);
  });
});
