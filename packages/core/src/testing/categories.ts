import type { Database } from '@stockpulse/db';
import { categories } from '@stockpulse/db/schema';
import { categorySlug } from '@stockpulse/shared';
import { and, eq } from 'drizzle-orm';

/**
 * The id of the category `name` under `parentId` (top-level without), created if missing:
 * for tests that insert products themselves. Safe to call at once from several tests.
 */
export async function testCategory(
  db: Database,
  name: string,
  parentId: number | null = null,
): Promise<number> {
  const find = () =>
    db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.parentKey, parentId ?? 0), eq(categories.name, name)));
  const [found] = await find();
  if (found) return found.id;
  // The slug carries a random suffix so test categories never collide on it.
  const slug = `${categorySlug(name)}-${Math.random().toString(36).slice(2, 10)}`;
  await db.insert(categories).ignore().values({ name, parentId, slug });
  const [created] = await find();
  return created!.id;
}
