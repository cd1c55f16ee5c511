import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction, isDuplicateKey } from '../db/transaction';
import { inventoryChanged, moveStock } from '../inventory/stock';
import { writeOutbox } from '../outbox/write';
import { type AdminProduct, getAdminProduct } from './admin-list';
import { type ProductCategoryChoice, resolveProductCategory } from './category-writes';
import { productUpdatedEvent } from './updated-event';
import { writeProductWords } from './words';

export interface NewProduct extends ProductCategoryChoice {
  sku: string;
  name: string;
  priceCents: number;
  description?: string | undefined;
  imageUrl?: string | null | undefined;
  initialStock?: number | undefined;
  reorderPoint?: number | undefined;
  reorderQuantity?: number | undefined;
}

const skuTaken = (sku: string) =>
  new DomainError('SKU_TAKEN', `SKU ${sku} belongs to another product`, { sku });

/**
 * Creates a product with its inventory row and an `opening` ledger row for its initial
 * stock (through `moveStock`), its search words, and `inventory:changed` in the outbox, in
 * one transaction.
 * A taken SKU is SKU_TAKEN (also when a concurrent create wins the unique index).
 */
export async function createProduct(
  db: Database,
  input: NewProduct & { adminId: number },
): Promise<AdminProduct> {
  let productId: number;
  try {
    productId = await inTransaction(db, async (tx) => {
      const [taken] = await tx
        .select({ id: schema.products.id })
        .from(schema.products)
        .where(eq(schema.products.sku, input.sku));
      if (taken) throw skuTaken(input.sku);
      const category = await resolveProductCategory(tx, input);
      const [product] = await tx.insert(schema.products).values({
        sku: input.sku,
        name: input.name,
        description: input.description ?? '',
        category: category.name,
        categoryId: category.id,
        priceCents: input.priceCents,
        imageUrl: input.imageUrl ?? null,
        active: true,
      });
      const id = product.insertId;
      await writeProductWords(tx, {
        id,
        name: input.name,
        sku: input.sku,
        description: input.description ?? '',
      });
      await tx.insert(schema.inventory).values({
        productId: id,
        onHand: 0,
        ...(input.reorderPoint === undefined ? {} : { reorderPoint: input.reorderPoint }),
        ...(input.reorderQuantity === undefined ? {} : { reorderQuantity: input.reorderQuantity }),
      });
      const rows = await moveStock(tx, [{ productId: id, onHand: input.initialStock ?? 0 }], {
        reason: 'opening',
        refType: 'admin',
        refId: input.adminId,
        actor: actorOf('admin', input.adminId),
        note: 'product created',
      });
      await writeOutbox(tx, rows.map(inventoryChanged));
      return id;
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw skuTaken(input.sku);
    throw error;
  }
  return (await getAdminProduct(db, productId))!;
}

export interface ProductChanges extends ProductCategoryChoice {
  name?: string | undefined;
  description?: string | undefined;
  priceCents?: number | undefined;
  imageUrl?: string | null | undefined;
  active?: boolean | undefined;
}

/**
 * Changes a product's details. A new price applies to orders placed from now on: order
 * lines keep the unit price they were placed at. `active: false` archives the product
 * (gone from the catalog, refused by placement); `active: true` brings it back. A new name
 * or description rewrites the product's search words in the same transaction, and
 * `product:updated` goes to the outbox with it (open product pages follow the change).
 */
export async function updateProduct(
  db: Database,
  id: number,
  changes: ProductChanges,
): Promise<AdminProduct> {
  const { categoryId, category, ...rest } = changes;
  const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  await inTransaction(db, async (tx) => {
    if (categoryId !== undefined || category !== undefined) {
      const [product] = await tx
        .select({ categoryId: schema.products.categoryId })
        .from(schema.products)
        .where(eq(schema.products.id, id));
      if (!product) throw new DomainError('NOT_FOUND', `Product ${id} not found`);
      const picked = await resolveProductCategory(tx, { categoryId, category }, product.categoryId);
      Object.assign(set, { category: picked.name, categoryId: picked.id });
    }
    const [result] = await tx
      .update(schema.products)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(schema.products.id, id));
    if (result.affectedRows !== 1) throw new DomainError('NOT_FOUND', `Product ${id} not found`);
    await writeOutbox(tx, [await productUpdatedEvent(tx, id)]);
    if (changes.name === undefined && changes.description === undefined) return;
    const [product] = await tx
      .select({
        name: schema.products.name,
        sku: schema.products.sku,
        description: schema.products.description,
      })
      .from(schema.products)
      .where(eq(schema.products.id, id));
    await writeProductWords(tx, { id, ...product! });
  });
  return (await getAdminProduct(db, id))!;
}

/** Archives a product: `updateProduct(db, id, { active: false })`. */
export const archiveProduct = (db: Database, id: number) =>
  updateProduct(db, id, { active: false });
