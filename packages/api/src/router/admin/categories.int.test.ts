import { schema } from '@stockpulse/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, expectRefused, openAdminHarness, trpcError } from '../../testing';

let h: AdminHarness;
const admin = async () => (await h.asAdmin()).admin;

beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

let skus = 0;
const product = async (categoryId: number, name = `Product ${skus + 1}`) =>
  (await admin()).products.create({ sku: `CAT-${++skus}`, name, priceCents: 500, categoryId });

const causeOf = (error: { cause?: unknown }) =>
  (error.cause as { code?: string } | undefined)?.code;

describe('admin.categories.create', () => {
  it('creates top-level and child categories with slugs from their names', async () => {
    const { categories } = await admin();
    const home = await categories.create({ name: ' Home & Living ' });
    const kitchen = await categories.create({ name: 'Kitchen', parentId: home.id });
    expect(home).toMatchObject({
      name: 'Home & Living',
      slug: 'home-and-living',
      parentId: null,
      depth: 0,
      archived: false,
      productCount: 0,
    });
    expect(kitchen).toMatchObject({
      name: 'Kitchen',
      slug: 'kitchen',
      parentId: home.id,
      parentName: 'Home & Living',
      depth: 1,
      label: 'Home & Living › Kitchen',
    });
    const list = await categories.list();
    const homeAt = list.findIndex((c) => c.id === home.id);
    expect(list[homeAt + 1]?.id).toBe(kitchen.id); // children right under their parent
  });

  it('refuses a sibling of the same name, in any case, with CATEGORY_EXISTS', async () => {
    const { categories } = await admin();
    const top = await categories.create({ name: 'Garden' });
    const before = await h.digest();
    const error = await trpcError(categories.create({ name: 'garden' }));
    expect(error.code).toBe('CONFLICT');
    expect(causeOf(error)).toBe('CATEGORY_EXISTS');
    expect(error.message).toBe('A top-level category named garden already exists');
    expect(await h.digest()).toBe(before);
    // The same name under another parent is another category, with a slug of its own.
    const child = await categories.create({ name: 'Garden', parentId: top.id });
    expect(child.slug).toBe('garden-2');
    const again = await trpcError(categories.create({ name: 'GARDEN', parentId: top.id }));
    expect(again.message).toBe('Garden already has a subcategory named GARDEN');
  });

  it('answers NOT_FOUND for an unknown parent and refuses bad input, writing nothing', async () => {
    const { categories } = await admin();
    await expectRefused(h, categories.create, [{ name: 'Orphan', parentId: 999_999 }], 'NOT_FOUND');
    await expectRefused(h, categories.create, [
      { name: '' },
      { name: 'x'.repeat(65) },
      { name: 'Bad', parentId: -1 },
      { name: 'Bad', extra: true },
    ]);
  });
});

describe('admin.categories.update', () => {
  it('renames a category, keeps its slug, and rewrites the name its products carry', async () => {
    const { categories } = await admin();
    const lamps = await categories.create({ name: 'Lamps' });
    const p = await product(lamps.id);
    expect(p).toMatchObject({ category: 'Lamps', categoryId: lamps.id });
    await h.drainOutbox();
    const renamed = await categories.update({ id: lamps.id, name: 'Lighting' });
    expect(renamed).toMatchObject({ name: 'Lighting', slug: 'lamps', productCount: 1 });
    expect(await (await admin()).products.byId({ id: p.id })).toMatchObject({
      category: 'Lighting',
      categoryId: lamps.id,
    });
    // A new slug only when asked.
    expect((await categories.update({ id: lamps.id, regenerateSlug: true })).slug).toBe('lighting');
    await h.expectInvariants();
  });

  it('moves a category under another and back to the top level', async () => {
    const { categories } = await admin();
    const a = await categories.create({ name: 'Move A' });
    const b = await categories.create({ name: 'Move B' });
    expect(await categories.update({ id: b.id, parentId: a.id })).toMatchObject({
      parentId: a.id,
      label: 'Move A › Move B',
    });
    expect(await categories.update({ id: b.id, parentId: null })).toMatchObject({
      parentId: null,
      depth: 0,
    });
  });

  it('refuses a parent that is the category itself or one of its descendants (CATEGORY_CYCLE)', async () => {
    const { categories } = await admin();
    const root = await categories.create({ name: 'Cycle root' });
    const child = await categories.create({ name: 'Cycle child', parentId: root.id });
    const grandchild = await categories.create({ name: 'Cycle grandchild', parentId: child.id });
    const before = await h.digest();
    const self = await trpcError(categories.update({ id: root.id, parentId: root.id }));
    expect(self.code).toBe('BAD_REQUEST');
    expect(causeOf(self)).toBe('CATEGORY_CYCLE');
    expect(self.message).toBe('Cycle root cannot be its own parent');
    const below = await trpcError(categories.update({ id: root.id, parentId: grandchild.id }));
    expect(causeOf(below)).toBe('CATEGORY_CYCLE');
    expect(below.message).toBe(
      'Cycle grandchild is under Cycle root: Cycle root cannot move under it',
    );
    expect(await h.digest()).toBe(before);
  });

  it('refuses a rename or move onto a sibling name, and unknown ids, writing nothing', async () => {
    const { categories } = await admin();
    const one = await categories.create({ name: 'Sibling one' });
    await categories.create({ name: 'Sibling two' });
    await expectRefused(h, categories.update, [{ id: one.id, name: 'SIBLING TWO' }], 'CONFLICT');
    await expectRefused(
      h,
      categories.update,
      [
        { id: 999_999, name: 'Nope' },
        { id: one.id, parentId: 999_999 },
      ],
      'NOT_FOUND',
    );
    await expectRefused(h, categories.update, [{ id: one.id }, { id: 0, name: 'x' }]);
  });

  it('archives: hidden from the storefront and new products, kept by its products', async () => {
    const { categories, products } = await admin();
    const old = await categories.create({ name: 'Seasonal' });
    const p = await product(old.id, 'Snow globe');
    const archived = await categories.update({ id: old.id, archived: true });
    expect(archived).toMatchObject({ archived: true, productCount: 1, activeProductCount: 1 });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const shop = await h.asCustomer();
    expect((await shop.catalog.categories()).map((c) => c.id)).not.toContain(old.id);
    // Its products stay on sale, in it.
    expect(await shop.catalog.byId({ id: p.id })).toMatchObject({ category: 'Seasonal' });
    expect((await products.categories()).map((c) => c.id)).not.toContain(old.id);
    const refused = await trpcError(product(old.id));
    expect(causeOf(refused)).toBe('CATEGORY_ARCHIVED');
    expect(refused.message).toBe('Seasonal is archived: unarchive it first');
    const child = await trpcError(categories.create({ name: 'Winter', parentId: old.id }));
    expect(causeOf(child)).toBe('CATEGORY_ARCHIVED');
    // A product already in it can still be saved with it.
    expect(
      await products.update({ id: p.id, categoryId: old.id, name: 'Snow globe XL' }),
    ).toMatchObject({ categoryId: old.id, name: 'Snow globe XL' });
    const back = await categories.update({ id: old.id, archived: false });
    expect(back).toMatchObject({ archived: false, archivedAt: null });
    expect((await shop.catalog.categories()).map((c) => c.id)).toContain(old.id);
    await h.expectInvariants();
  });
});

describe('admin.products with managed categories', () => {
  it('takes a categoryId, or a name: an existing one (any case) or a new top-level one', async () => {
    const { categories, products } = await admin();
    const toys = await categories.create({ name: 'Toys' });
    const byName = await products.create({
      sku: 'TOY-1',
      name: 'Yo-yo',
      priceCents: 300,
      category: 'toys',
    });
    expect(byName).toMatchObject({ category: 'Toys', categoryId: toys.id });
    const created = await products.create({
      sku: 'NEW-1',
      name: 'Widget',
      priceCents: 300,
      category: 'Brand new',
    });
    const [record] = await h.world.db
      .select()
      .from(schema.categories)
      .where(eq(schema.categories.id, created.categoryId!));
    expect(record).toMatchObject({ name: 'Brand new', slug: 'brand-new', parentId: null });
    const moved = await products.update({ id: byName.id, categoryId: record!.id });
    expect(moved).toMatchObject({ category: 'Brand new', categoryId: record!.id });
    await h.expectInvariants();
  });

  it('refuses an unknown categoryId, both fields at once, none, and an ambiguous name', async () => {
    const { categories, products } = await admin();
    const base = { sku: 'REF-1', name: 'Refused', priceCents: 100 };
    await expectRefused(h, products.create, [{ ...base, categoryId: 999_999 }], 'NOT_FOUND');
    await expectRefused(h, products.create, [base, { ...base, categoryId: 1, category: 'Toys' }]);
    const a = await categories.create({ name: 'Amb parent A' });
    const b = await categories.create({ name: 'Amb parent B' });
    await categories.create({ name: 'Shared name', parentId: a.id });
    await categories.create({ name: 'Shared name', parentId: b.id });
    const error = await trpcError(products.create({ ...base, category: 'Shared name' }));
    expect(causeOf(error)).toBe('CATEGORY_AMBIGUOUS');
  });
});
