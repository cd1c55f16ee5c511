import type { Database } from '@stockpulse/db';
import { categories, products } from '@stockpulse/db/schema';
import { categoryPathLabel } from '@stockpulse/shared';
import { asc, count, eq, sql } from 'drizzle-orm';
import { archivedInPath, type CategoryNode, subtreeIds, treeOrder } from './category-tree';

/** A category as the storefront's filter shows it. */
export interface CategorySummary {
  id: number;
  /** The category's name (what `catalog.list({ category })` and products' `category` say). */
  category: string;
  slug: string;
  parentId: number | null;
  /** 0 for a top-level category; the filter indents by it. */
  depth: number;
  /** "Home & Living › Kitchen". */
  label: string;
  /** Active products in the category and the categories under it. */
  productCount: number;
}

/** A category as the console's Categories page shows it. */
export interface AdminCategory {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
  parentName: string | null;
  depth: number;
  label: string;
  archived: boolean;
  archivedAt: Date | null;
  /** Products in this category itself (not its subcategories), archived ones too. */
  productCount: number;
  /** Of those, the ones on sale. */
  activeProductCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const nodeColumns = {
  id: categories.id,
  name: categories.name,
  slug: categories.slug,
  parentId: categories.parentId,
  archivedAt: categories.archivedAt,
};

/** Every category (a small table, read whole: the tree is walked in category-tree.ts). */
export const allCategories = (db: Database): Promise<CategoryNode[]> =>
  db.select(nodeColumns).from(categories).orderBy(asc(categories.id));

/**
 * The storefront's filter: categories that are not archived (nor under an archived one)
 * and hold active products, themselves or below, in tree order. The counts read
 * `products (active, category_id, name)` for the active range, as the GROUP BY over the
 * name did before categories were records.
 */
export async function listCategories(db: Database): Promise<CategorySummary[]> {
  const [rows, counts] = await Promise.all([
    allCategories(db),
    db
      .select({ categoryId: products.categoryId, n: count() })
      .from(products)
      .where(eq(products.active, true))
      .groupBy(products.categoryId),
  ]);
  const direct = new Map(counts.map((c) => [c.categoryId, c.n]));
  return treeOrder(rows)
    .filter(({ category }) => !archivedInPath(rows, category.id))
    .map(({ category, depth, path }) => ({
      id: category.id,
      category: category.name,
      slug: category.slug,
      parentId: category.parentId,
      depth,
      label: categoryPathLabel(path),
      productCount: subtreeIds(rows, category.id).reduce((n, id) => n + (direct.get(id) ?? 0), 0),
    }))
    .filter((c) => c.productCount > 0);
}

/** Every category with its parent, archived state and product counts, in tree order. */
export async function listAdminCategories(db: Database): Promise<AdminCategory[]> {
  const [rows, counts] = await Promise.all([
    db
      .select({ ...nodeColumns, createdAt: categories.createdAt, updatedAt: categories.updatedAt })
      .from(categories),
    // `products (category_id, active)` alone, one pass.
    db
      .select({
        categoryId: products.categoryId,
        n: count(),
        active: sql<number>`SUM(${products.active})`.mapWith(Number),
      })
      .from(products)
      .groupBy(products.categoryId),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const tally = new Map(counts.map((c) => [c.categoryId, c]));
  return treeOrder(rows).map(({ category, depth, path }) => ({
    id: category.id,
    name: category.name,
    slug: category.slug,
    parentId: category.parentId,
    parentName: category.parentId === null ? null : (byId.get(category.parentId)?.name ?? null),
    depth,
    label: categoryPathLabel(path),
    archived: category.archivedAt !== null,
    archivedAt: category.archivedAt,
    productCount: tally.get(category.id)?.n ?? 0,
    activeProductCount: tally.get(category.id)?.active ?? 0,
    createdAt: category.createdAt,
    updatedAt: category.updatedAt,
  }));
}

/** One category as the console shows it, or null. */
export async function getAdminCategory(db: Database, id: number): Promise<AdminCategory | null> {
  return (await listAdminCategories(db)).find((c) => c.id === id) ?? null;
}

/**
 * What the product form offers: categories not archived (nor under an archived one), in
 * tree order; `productCount` counts the category's own products of either state.
 */
export async function listAllCategories(db: Database) {
  const rows = await listAdminCategories(db);
  const nodes = rows.map((r) => ({ ...r, archivedAt: r.archivedAt }));
  return rows
    .filter((c) => !archivedInPath(nodes, c.id))
    .map((c) => ({
      id: c.id,
      category: c.name,
      label: c.label,
      depth: c.depth,
      productCount: c.productCount,
    }));
}

/** The catalog's category filter: one category by id, or every category of that name. */
export interface CategoryFilter {
  categoryId?: number | undefined;
  category?: string | undefined;
}

/**
 * The ids a category filter covers: the category (or each category of that name, compared
 * in the table's collation as the name's unique index does) and everything under it, so
 * filtering by a parent lists its children's products. `[]` when none matches.
 */
export async function categoryFilterIds(db: Database, filter: CategoryFilter): Promise<number[]> {
  const rows = await db
    .select({
      ...nodeColumns,
      named:
        filter.category === undefined
          ? sql<number>`0`
          : sql<number>`${categories.name} = ${filter.category}`.mapWith(Number),
    })
    .from(categories);
  const roots = rows.filter((row) =>
    filter.categoryId !== undefined ? row.id === filter.categoryId : row.named === 1,
  );
  return [...new Set(roots.flatMap((root) => subtreeIds(rows, root.id)))];
}
