import { type Database, schema } from '@stockpulse/db';
import { DomainError, type ProductUpdated } from '@stockpulse/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { productUpdatedEvent } from './updated-event';

/** The most options a product has, values an option has, and variants a product has. */
export const VARIANT_LIMITS = { options: 3, values: 30, variants: 100 } as const;

export interface OptionInput {
  name: string;
  values: string[];
}

export interface VariantInput {
  sku: string;
  /** Option name → value, one for each of the product's options. */
  options: Record<string, string>;
  priceCents: number;
  stock?: { locationId: number; quantity: number }[] | undefined;
}

/** A variant as the catalog and the console show it. */
export interface VariantView {
  id: number;
  sku: string;
  options: Record<string, string>;
  title: string;
  priceCents: number;
  active: boolean;
}

/** "M / Red": the variant's values in the product's option order. */
export function variantTitle(options: readonly OptionInput[], values: Record<string, string>) {
  return options.map((option) => values[option.name]).join(' / ');
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('INVALID_VARIANTS', message, details);

/**
 * Checks a product's options and variants against each other: option names and values
 * unique, each variant naming one known value of every option and nothing else, no two
 * variants the same combination, SKUs unique within the request. Throws INVALID_VARIANTS with the
 * problem named.
 */
export function checkVariants(options: readonly OptionInput[], variants: readonly VariantInput[]) {
  if (options.length > VARIANT_LIMITS.options) {
    throw invalid(`A product has at most ${VARIANT_LIMITS.options} options`);
  }
  if (variants.length === 0) throw invalid('A product needs at least one variant');
  if (variants.length > VARIANT_LIMITS.variants) {
    throw invalid(`A product has at most ${VARIANT_LIMITS.variants} variants`);
  }
  const names = new Set<string>();
  for (const option of options) {
    if (names.has(option.name)) throw invalid(`Option "${option.name}" appears twice`);
    names.add(option.name);
    if (option.values.length === 0) throw invalid(`Option "${option.name}" needs a value`);
    if (option.values.length > VARIANT_LIMITS.values) {
      throw invalid(`Option "${option.name}" has more than ${VARIANT_LIMITS.values} values`);
    }
    if (new Set(option.values).size !== option.values.length) {
      throw invalid(`Option "${option.name}" lists a value twice`);
    }
  }
  if (options.length === 0 && variants.length > 1) {
    throw invalid('A product with several variants needs options that tell them apart');
  }
  const combinations = new Set<string>();
  const skus = new Set<string>();
  for (const variant of variants) {
    for (const name of Object.keys(variant.options)) {
      if (!names.has(name))
        throw invalid(`Variant ${variant.sku} names an unknown option "${name}"`);
    }
    for (const option of options) {
      const value = variant.options[option.name];
      if (value === undefined) {
        throw invalid(`Variant ${variant.sku} has no value for "${option.name}"`, {
          sku: variant.sku,
        });
      }
      if (!option.values.includes(value)) {
        throw invalid(`Variant ${variant.sku}: "${value}" is not a value of "${option.name}"`, {
          sku: variant.sku,
        });
      }
    }
    const combination = variantTitle(options, variant.options);
    if (combinations.has(combination)) {
      throw invalid(`Two variants are both "${combination}"`, { combination });
    }
    combinations.add(combination);
    if (skus.has(variant.sku)) throw invalid(`SKU ${variant.sku} appears twice`);
    skus.add(variant.sku);
  }
}

/** A product's options with their values, in order. */
export async function productOptions(db: Database | Tx, productIds: readonly number[]) {
  if (productIds.length === 0) return new Map<number, OptionInput[]>();
  const rows = await db
    .select({
      productId: schema.productOptions.productId,
      name: schema.productOptions.name,
      value: schema.productOptionValues.value,
    })
    .from(schema.productOptions)
    .innerJoin(
      schema.productOptionValues,
      eq(schema.productOptionValues.optionId, schema.productOptions.id),
    )
    .where(inArray(schema.productOptions.productId, [...productIds]))
    .orderBy(
      asc(schema.productOptions.productId),
      asc(schema.productOptions.position),
      asc(schema.productOptionValues.position),
    );
  const byProduct = new Map<number, OptionInput[]>();
  for (const row of rows) {
    const options = byProduct.get(row.productId) ?? [];
    let option = options.find((o) => o.name === row.name);
    if (!option) {
      option = { name: row.name, values: [] };
      options.push(option);
    }
    option.values.push(row.value);
    byProduct.set(row.productId, options);
  }
  return byProduct;
}

/** The products' variants, in order. */
export async function productVariants(db: Database | Tx, productIds: readonly number[]) {
  const byProduct = new Map<number, VariantView[]>();
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .select({
      productId: schema.variants.productId,
      id: schema.variants.id,
      sku: schema.variants.sku,
      options: schema.variants.options,
      title: schema.variants.title,
      priceCents: schema.variants.priceCents,
      active: schema.variants.active,
    })
    .from(schema.variants)
    .where(inArray(schema.variants.productId, [...productIds]))
    .orderBy(
      asc(schema.variants.productId),
      asc(schema.variants.position),
      asc(schema.variants.id),
    );
  for (const { productId, options, ...row } of rows) {
    const list = byProduct.get(productId) ?? [];
    list.push({ ...row, options: JSON.parse(options) as Record<string, string> });
    byProduct.set(productId, list);
  }
  return byProduct;
}

/** Writes a new product's options and values (in the order given). */
export async function writeOptions(tx: Tx, productId: number, options: readonly OptionInput[]) {
  for (const [position, option] of options.entries()) {
    const [inserted] = await tx
      .insert(schema.productOptions)
      .values({ productId, name: option.name, position });
    await tx
      .insert(schema.productOptionValues)
      .values(
        option.values.map((value, i) => ({ optionId: inserted.insertId, value, position: i })),
      );
  }
}

export interface VariantChanges {
  priceCents?: number | undefined;
  active?: boolean | undefined;
}

/**
 * Changes a variant's price (for orders placed from now on) or whether it is sold, and
 * tells open product pages (`product:updated`). A product keeps at least one variant sold
 * while it is itself active.
 */
export async function updateVariant(
  db: Database,
  id: number,
  changes: VariantChanges,
): Promise<VariantView> {
  return inTransaction(db, async (tx) => {
    const [variant] = await tx
      .select()
      .from(schema.variants)
      .where(eq(schema.variants.id, id))
      .for('update');
    if (!variant) throw new DomainError('NOT_FOUND', `Variant ${id} not found`);
    if (changes.active === false && variant.active) {
      const others = (
        await tx
          .select({ id: schema.variants.id })
          .from(schema.variants)
          .where(
            and(eq(schema.variants.productId, variant.productId), eq(schema.variants.active, true)),
          )
      ).filter((row) => row.id !== id);
      if (others.length === 0) {
        throw new DomainError(
          'INVALID_VARIANTS',
          'A product keeps at least one variant on sale; archive the product instead',
          { variantId: id },
        );
      }
    }
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length > 0) {
      await tx
        .update(schema.variants)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(schema.variants.id, id));
    }
    await syncProductPrice(tx, variant.productId);
    await writeOutbox(tx, [await productUpdatedEvent(tx, variant.productId)]);
    const [after] = await tx.select().from(schema.variants).where(eq(schema.variants.id, id));
    return { ...after!, options: JSON.parse(after!.options) as Record<string, string> };
  });
}

/** `products.price_cents` is the lowest price of its variants on sale (the "from" price). */
export async function syncProductPrice(tx: Tx, productId: number) {
  const variants = await tx
    .select({ priceCents: schema.variants.priceCents, active: schema.variants.active })
    .from(schema.variants)
    .where(eq(schema.variants.productId, productId));
  const onSale = variants.filter((v) => v.active);
  const prices = (onSale.length > 0 ? onSale : variants).map((v) => v.priceCents);
  if (prices.length === 0) return;
  await tx
    .update(schema.products)
    .set({ priceCents: Math.min(...prices) })
    .where(eq(schema.products.id, productId));
}

export type { ProductUpdated };
