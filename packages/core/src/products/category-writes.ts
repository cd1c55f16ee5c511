import type { Database } from '@stockpulse/db';
import { categories, products } from '@stockpulse/db/schema';
import { categorySlug, DomainError } from '@stockpulse/shared';
import { and, eq, like, ne, or, sql } from 'drizzle-orm';
import { inTransaction, isDuplicateKey, type Tx } from '../db/transaction';
import { type AdminCategory, getAdminCategory } from './categories';
import { archivedInPath, subtreeIds } from './category-tree';

export interface NewCategory {
  name: string;
  parentId?: number | null | undefined;
}

export interface CategoryChanges {
  name?: string | undefined;
  /** null moves the category to the top level. */
  parentId?: number | null | undefined;
  /** true archives (hidden from the storefront's filter and from new products). */
  archived?: boolean | undefined;
  /** A new slug from the (new) name; otherwise the slug stays as it was (links keep working). */
  regenerateSlug?: boolean | undefined;
}

const notFound = (id: number) =>
  new DomainError('NOT_FOUND', `Category ${id} not found`, { categoryId: id });

const exists = (name: string, parentName: string | null, id?: number) =>
  new DomainError(
    'CATEGORY_EXISTS',
    parentName === null
      ? `A top-level category named ${name} already exists`
      : `${parentName} already has a subcategory named ${name}`,
    { name, ...(id === undefined ? {} : { existingId: id }) },
  );

const archived = (name: string) =>
  new DomainError('CATEGORY_ARCHIVED', `${name} is archived: unarchive it first`, { name });

/** The name's unique index said no: a sibling of that name (the slug is retried instead). */
const siblingTaken = (error: unknown) =>
  isDuplicateKey(error) && String((error as Error).message).includes('categories_parent_name');

/** The sibling of that name under `parentId` (compared in the table's collation), if any. */
async function siblingNamed(tx: Tx, parentId: number | null, name: string, except?: number) {
  const [row] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        eq(categories.parentKey, parentId ?? 0),
        eq(categories.name, name),
        except === undefined ? undefined : ne(categories.id, except),
      ),
    );
  return row?.id;
}

/** `categorySlug(name)`, or with "-2", "-3"… when another category has it. */
async function freeSlug(tx: Tx, name: string, except?: number): Promise<string> {
  const base = categorySlug(name);
  const taken = new Set(
    (
      await tx
        .select({ slug: categories.slug })
        .from(categories)
        .where(
          and(
            or(eq(categories.slug, base), like(categories.slug, `${base}-%`)),
            except === undefined ? undefined : ne(categories.id, except),
          ),
        )
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A slug race (two creates of one name at once) is retried a few times, then given up. */
async function retryingSlugRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isDuplicateKey(error) || siblingTaken(error) || attempt === 3) throw error;
    }
  }
}

/** Inserts a category in `tx` (checks done by the caller's rules): its id. */
async function insertCategory(tx: Tx, name: string, parentId: number | null): Promise<number> {
  const [result] = await tx
    .insert(categories)
    .values({ name, parentId, slug: await freeSlug(tx, name) });
  return result.insertId;
}

/** The parent, locked (so it cannot be archived or moved under us), checked usable. */
async function lockedParent(tx: Tx, parentId: number) {
  const [parent] = await tx
    .select({ id: categories.id, name: categories.name, archivedAt: categories.archivedAt })
    .from(categories)
    .where(eq(categories.id, parentId))
    .for('update');
  if (!parent) throw notFound(parentId);
  if (parent.archivedAt) throw archived(parent.name);
  return parent;
}

/**
 * A new category, top-level or under `parentId`: NOT_FOUND for an unknown parent,
 * CATEGORY_ARCHIVED for an archived one, CATEGORY_EXISTS for a sibling of the same name
 * (in any case: "kitchen" is "Kitchen"). Its slug comes from the name.
 */
export async function createCategory(db: Database, input: NewCategory): Promise<AdminCategory> {
  const parentId = input.parentId ?? null;
  let id: number;
  let parentName: string | null = null;
  try {
    id = await retryingSlugRace(() =>
      inTransaction(db, async (tx) => {
        if (parentId !== null) parentName = (await lockedParent(tx, parentId)).name;
        const sibling = await siblingNamed(tx, parentId, input.name);
        if (sibling !== undefined) throw exists(input.name, parentName, sibling);
        return insertCategory(tx, input.name, parentId);
      }),
    );
  } catch (error) {
    if (siblingTaken(error)) throw exists(input.name, parentName);
    throw error;
  }
  return (await getAdminCategory(db, id))!;
}

/**
 * Renames, moves, archives or unarchives a category. A parent that is the category itself
 * or one of its descendants is CATEGORY_CYCLE; every category is locked for the check, so
 * two moves at once cannot make a cycle between them. A rename rewrites the name its
 * products carry (`products.category`) in the same transaction; the slug stays unless
 * `regenerateSlug`.
 */
export async function updateCategory(
  db: Database,
  id: number,
  changes: CategoryChanges,
): Promise<AdminCategory> {
  let name = changes.name;
  let parentName: string | null = null;
  try {
    await retryingSlugRace(() =>
      inTransaction(db, async (tx) => {
        const rows = await tx
          .select({
            id: categories.id,
            name: categories.name,
            slug: categories.slug,
            parentId: categories.parentId,
            archivedAt: categories.archivedAt,
          })
          .from(categories)
          .for('update');
        const byId = new Map(rows.map((row) => [row.id, row]));
        const current = byId.get(id);
        if (!current) throw notFound(id);
        name = changes.name ?? current.name;
        const parentId = changes.parentId === undefined ? current.parentId : changes.parentId;
        parentName = parentId === null ? null : (byId.get(parentId)?.name ?? null);
        const moving = parentId !== current.parentId;
        if (moving && parentId !== null) {
          const parent = byId.get(parentId);
          if (!parent) throw notFound(parentId);
          if (parentId === id) {
            throw new DomainError('CATEGORY_CYCLE', `${current.name} cannot be its own parent`, {
              categoryId: id,
              parentId,
            });
          }
          if (subtreeIds(rows, id).includes(parentId)) {
            throw new DomainError(
              'CATEGORY_CYCLE',
              `${parent.name} is under ${current.name}: ${current.name} cannot move under it`,
              { categoryId: id, parentId },
            );
          }
          if (archivedInPath(rows, parentId)) throw archived(parent.name);
        }
        const renaming = changes.name !== undefined && changes.name !== current.name;
        if (renaming || moving) {
          const sibling = await siblingNamed(tx, parentId, name, id);
          if (sibling !== undefined) throw exists(name, parentName, sibling);
        }
        const archivedAt =
          changes.archived === undefined
            ? current.archivedAt
            : changes.archived
              ? (current.archivedAt ?? new Date())
              : null;
        const slug = changes.regenerateSlug ? await freeSlug(tx, name, id) : current.slug;
        await tx
          .update(categories)
          .set({ name, parentId, archivedAt, slug, updatedAt: new Date() })
          .where(eq(categories.id, id));
        // The products' copy of the name (`products (category_id, active)`); a case-only
        // rename ("kitchen" → "Kitchen") is a rename too.
        if (changes.name !== undefined) {
          await tx
            .update(products)
            .set({ category: name })
            .where(and(eq(products.categoryId, id), sql`BINARY ${products.category} <> ${name}`));
        }
      }),
    );
  } catch (error) {
    if (siblingTaken(error)) throw exists(name ?? '', parentName);
    throw error;
  }
  return (await getAdminCategory(db, id))!;
}

/** How a product names its category: a record's id, or a name (the API's older shape). */
export interface ProductCategoryChoice {
  categoryId?: number | undefined;
  category?: string | undefined;
}

/**
 * The category a product create or update picks, in its transaction: by id (NOT_FOUND for
 * an unknown one), or by name, which is the category of that name (any case) when one
 * exists, CATEGORY_AMBIGUOUS when several do (under different parents), and a new
 * top-level category when none does, so clients that send names keep working. An archived
 * category is CATEGORY_ARCHIVED, except the one the product already has (`currentId`).
 */
export async function resolveProductCategory(
  tx: Tx,
  choice: ProductCategoryChoice,
  currentId: number | null = null,
): Promise<{ id: number; name: string }> {
  const columns = { id: categories.id, name: categories.name, archivedAt: categories.archivedAt };
  let found: { id: number; name: string; archivedAt: Date | null } | undefined;
  if (choice.categoryId !== undefined) {
    [found] = await tx.select(columns).from(categories).where(eq(categories.id, choice.categoryId));
    if (!found) throw notFound(choice.categoryId);
  } else if (choice.category !== undefined) {
    const byName = () =>
      tx.select(columns).from(categories).where(eq(categories.name, choice.category!));
    const named = await byName();
    if (named.length > 1) {
      throw new DomainError(
        'CATEGORY_AMBIGUOUS',
        `Several categories are named ${choice.category}: pick one by id`,
        { name: choice.category, categoryIds: named.map((c) => c.id) },
      );
    }
    found = named[0];
    if (!found) {
      try {
        return { id: await insertCategory(tx, choice.category, null), name: choice.category };
      } catch (error) {
        // A concurrent create of the same name committed first (only this statement failed;
        // at READ COMMITTED its row is visible now): the product goes there.
        if (!siblingTaken(error)) throw error;
        [found] = await byName();
        if (!found) throw error;
      }
    }
  } else {
    throw new Error('resolveProductCategory needs a categoryId or a category');
  }
  if (found.archivedAt && found.id !== currentId) throw archived(found.name);
  return { id: found.id, name: found.name };
}
