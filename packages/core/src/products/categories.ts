import type { Database } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import { asc, count, eq } from 'drizzle-orm';

export interface CategorySummary {
  category: string;
  /** Active products in the category. */
  productCount: number;
}

/** The categories of active products, by name, with how many products each holds. */
export function listCategories(db: Database): Promise<CategorySummary[]> {
  return db
    .select({ category: products.category, productCount: count() })
    .from(products)
    .where(eq(products.active, true))
    .groupBy(products.category)
    .orderBy(asc(products.category));
}

/**
 * Every category a product has, archived ones too, by name: what the console's product
 * form offers, so staff pick a category instead of retyping one (a typo would make a new
 * one). `productCount` counts products of either state here.
 */
export function listAllCategories(db: Database): Promise<CategorySummary[]> {
  return db
    .select({ category: products.category, productCount: count() })
    .from(products)
    .groupBy(products.category)
    .orderBy(asc(products.category));
}
