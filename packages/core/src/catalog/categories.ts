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
