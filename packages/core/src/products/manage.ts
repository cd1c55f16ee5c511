import { type Database, schema } from '@stockpulse/db';
import { DEFAULT_LOCATION_ID, DomainError } from '@stockpulse/shared';
import { eq, inArray } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction, isDuplicateKey } from '../db/transaction';
import { moveStock, type StockDelta } from '../inventory/stock';
import { writeOutbox } from '../outbox/write';
import { type AdminProduct, getAdminProduct } from './admin-list';
import { type ProductCategoryChoice, resolveProductCategory } from './category-writes';
import { productUpdatedEvent } from './updated-event';
import {
  checkVariants,
  type OptionInput,
  syncProductPrice,
  type VariantInput,
  variantTitle,
  writeOptions,
} from './variants';
import { writeProductWords } from './words';

export interface NewProduct extends ProductCategoryChoice {
  name: string;
  description?: string | undefined;
  imageUrl?: string | null | undefined;
  /** Options and the variants over them (DESIGN §11); without them, one default variant. */
  options?: OptionInput[] | undefined;
  variants?: VariantInput[] | undefined;
  /** The default variant's: a simple product (no `variants`). */
  sku?: string | undefined;
  /** The product's own SKU when it is not its first variant's (the CSV import's `product_sku`). */
  productSku?: string | undefined;
  priceCents?: number | undefined;
  /** At the default location (`DEFAULT_LOCATION_ID`). */
  initialStock?: number | undefined;
  reorderPoint?: number | undefined;
  reorderQuantity?: number | undefined;
}

const skuTaken = (sku: string) =>
  new DomainError('SKU_TAKEN', `SKU ${sku} belongs to another product`, { sku });

/** The variants a request describes: its own, or one default from sku/priceCents/initialStock. */
function requestedVariants(input: NewProduct): {
  options: OptionInput[];
  variants: VariantInput[];
} {
  const options = input.options ?? [];
  if (input.variants && input.variants.length > 0) {
    checkVariants(options, input.variants);
    return { options, variants: input.variants };
  }
  if (input.sku === undefined || input.priceCents === undefined) {
    throw new DomainError(
      'INVALID_VARIANTS',
      'A product needs either variants, or a sku and a priceCents for its one variant',
    );
  }
  if (options.length > 0) {
    throw new DomainError('INVALID_VARIANTS', 'A product with options needs its variants listed');
  }
  return {
    options,
    variants: [
      {
        sku: input.sku,
        options: {},
        priceCents: input.priceCents,
        stock: [{ locationId: DEFAULT_LOCATION_ID, quantity: input.initialStock ?? 0 }],
      },
    ],
  };
}

/**
 * Creates a product with its options and variants (DESIGN §11), an inventory row for each
 * variant at every active location, an `opening` ledger row for each initial stock
 * (through `moveStock`), its search words, and `inventory:changed` in the outbox, in one
 * transaction. The product's SKU is its first variant's; its price the lowest.
 * A taken SKU is SKU_TAKEN (also when a concurrent create wins a unique index).
 */
export async function createProduct(
  db: Database,
  input: NewProduct & { adminId: number },
): Promise<AdminProduct> {
  const { options, variants } = requestedVariants(input);
  const sku = input.productSku ?? variants[0]!.sku;
  const skus = variants.map((variant) => variant.sku);
  let productId: number;
  try {
    productId = await inTransaction(db, async (tx) => {
      const taken = await tx
        .select({ sku: schema.variants.sku })
        .from(schema.variants)
        .where(inArray(schema.variants.sku, skus));
      const productTaken = await tx
        .select({ sku: schema.products.sku })
        .from(schema.products)
        .where(eq(schema.products.sku, sku));
      const first = taken[0] ?? productTaken[0];
      if (first) throw skuTaken(first.sku);
      const locations = await tx
        .select({ id: schema.locations.id })
        .from(schema.locations)
        .where(eq(schema.locations.active, true));
      const locationIds = new Set(locations.map((location) => location.id));
      for (const variant of variants) {
        for (const stock of variant.stock ?? []) {
          if (!locationIds.has(stock.locationId)) {
            throw new DomainError(
              'NOT_FOUND',
              `Location ${stock.locationId} not found or archived`,
              {
                locationId: stock.locationId,
              },
            );
          }
        }
      }
      const category = await resolveProductCategory(tx, input);
      const [product] = await tx.insert(schema.products).values({
        sku,
        name: input.name,
        description: input.description ?? '',
        category: category.name,
        categoryId: category.id,
        priceCents: Math.min(...variants.map((variant) => variant.priceCents)),
        imageUrl: input.imageUrl ?? null,
        active: true,
      });
      const id = product.insertId;
      await writeOptions(tx, id, options);
      await writeProductWords(tx, {
        id,
        name: input.name,
        sku,
        description: input.description ?? '',
      });
      const deltas: StockDelta[] = [];
      for (const [position, variant] of variants.entries()) {
        const [inserted] = await tx.insert(schema.variants).values({
          productId: id,
          sku: variant.sku,
          options: JSON.stringify(variant.options),
          title: variantTitle(options, variant.options),
          priceCents: variant.priceCents,
          position,
        });
        const variantId = inserted.insertId;
        // Where the product is stocked (its opening stock, else the default location) the
        // row takes the product's policy; elsewhere reorder point 0, not reordered.
        const stocked = new Set((variant.stock ?? []).map((s) => s.locationId));
        if (stocked.size === 0) stocked.add(DEFAULT_LOCATION_ID);
        await tx.insert(schema.inventory).values(
          [...locationIds].map((locationId) => ({
            variantId,
            locationId,
            productId: id,
            onHand: 0,
            ...(stocked.has(locationId)
              ? {
                  ...(input.reorderPoint === undefined ? {} : { reorderPoint: input.reorderPoint }),
                  ...(input.reorderQuantity === undefined
                    ? {}
                    : { reorderQuantity: input.reorderQuantity }),
                }
              : { reorderPoint: 0 }),
          })),
        );
        const stock = variant.stock ?? [];
        const atDefault = stock.some((s) => s.locationId === DEFAULT_LOCATION_ID);
        for (const { locationId, quantity } of stock) {
          deltas.push({ variantId, locationId, onHand: quantity });
        }
        // Every variant gets an opening row, so its ledger starts with its product.
        if (!atDefault && locationIds.has(DEFAULT_LOCATION_ID)) {
          deltas.push({ variantId, locationId: DEFAULT_LOCATION_ID, onHand: 0 });
        }
      }
      const moved = await moveStock(tx, deltas, {
        reason: 'opening',
        refType: 'admin',
        refId: input.adminId,
        actor: actorOf('admin', input.adminId),
        note: 'product created',
      });
      await writeOutbox(tx, moved.events);
      return id;
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw skuTaken(sku);
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
    if (changes.priceCents !== undefined) {
      // A product's price is its variants': a simple product's one follows it; with several,
      // each is set on its own (admin.variants.update) and the product shows the lowest.
      const variants = await tx
        .select({ id: schema.variants.id })
        .from(schema.variants)
        .where(eq(schema.variants.productId, id));
      if (variants.length === 1) {
        await tx
          .update(schema.variants)
          .set({ priceCents: changes.priceCents, updatedAt: new Date() })
          .where(eq(schema.variants.id, variants[0]!.id));
      } else {
        await syncProductPrice(tx, id);
      }
    }
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
