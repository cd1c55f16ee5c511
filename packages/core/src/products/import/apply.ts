import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { eq, inArray } from 'drizzle-orm';
import { createProduct, updateProduct } from '../manage';
import { productOptions, productVariants, updateVariant } from '../variants';
import type { ImportRow } from './parse';
import { failed, type ImportScope, type ResolvedRow, type RowOutcome, refusal } from './scope';
import { addVariantFromRow, updateVariantFromRow } from './variant-rows';

const optionNames = (row: ImportRow) => row.options.map((option) => option.name).join(', ');

/**
 * Applies the rows of one product (DESIGN §11): a product_sku the shop does not have is
 * created with its variants and stock (`createProduct`, one transaction); one it has gets
 * its changed details, its changed variants and its changed stock, and new variants, each
 * row in a transaction of its own (variant-rows.ts). Nothing is written for what already
 * matches, so importing a file twice changes nothing the second time. Every row answers an
 * outcome; a refused row never stops the others.
 */
export async function applyProduct(scope: ImportScope, rows: ImportRow[]): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  const usable: ResolvedRow[] = [];
  const seenSkus = new Set<string>();
  const first: Partial<
    Record<'name' | 'category' | 'description', { value: string; row: number }>
  > = {};
  for (const row of rows) {
    const problem = rowProblem(scope, row, seenSkus, first);
    if (typeof problem === 'string') outcomes.push(failed(row, problem));
    else usable.push(problem);
  }
  if (usable.length === 0) return outcomes;

  const productSku = usable[0]!.productSku;
  const [product] = await scope.db
    .select({
      id: schema.products.id,
      name: schema.products.name,
      category: schema.products.category,
      description: schema.products.description,
    })
    .from(schema.products)
    .where(eq(schema.products.sku, productSku));
  const details = {
    name: first.name?.value,
    category: first.category?.value,
    description: first.description?.value,
  };
  if (!product) return [...outcomes, ...(await createFromRows(scope, productSku, details, usable))];

  // The product's own details, where the file gives them and they differ.
  const changes: Parameters<typeof updateProduct>[2] = {};
  if (details.name !== undefined && details.name !== product.name) changes.name = details.name;
  if (details.description !== undefined && details.description !== product.description) {
    changes.description = details.description;
  }
  if (
    details.category !== undefined &&
    details.category.toLowerCase() !== product.category.toLowerCase()
  ) {
    changes.category = details.category;
  }
  let detailsRow: number | null = null;
  if (Object.keys(changes).length > 0) {
    const carrier = usable[0]!;
    try {
      await updateProduct(scope.db, product.id, changes);
      detailsRow = carrier.row;
    } catch (error) {
      outcomes.push(refusal(carrier, error));
      usable.shift();
    }
  }

  const options = (await productOptions(scope.db, [product.id])).get(product.id) ?? [];
  const variants = new Map(
    ((await productVariants(scope.db, [product.id])).get(product.id) ?? []).map((v) => [v.sku, v]),
  );
  const elsewhere = await variantOwners(
    scope.db,
    usable.map((row) => row.sku).filter((sku) => !variants.has(sku)),
  );
  for (const row of usable) {
    const variant = variants.get(row.sku);
    let outcome: RowOutcome;
    if (variant) {
      outcome = await updateVariantFromRow(scope, product.id, variant, row);
    } else if (elsewhere.has(row.sku)) {
      outcome = failed(
        row,
        `SKU ${row.sku} is a variant of another product (product_sku ${elsewhere.get(row.sku)})`,
      );
    } else {
      outcome = await addVariantFromRow(scope, product.id, options, row);
    }
    if (outcome.result === 'unchanged' && row.row === detailsRow) {
      outcome = { ...outcome, result: 'updated' };
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Why a row cannot be applied whatever the database holds, or the row with its location
 * codes resolved: an unknown or archived location, a SKU the file names twice, product
 * details that contradict the product's first row.
 */
function rowProblem(
  scope: ImportScope,
  row: ImportRow,
  seenSkus: Set<string>,
  first: Partial<Record<'name' | 'category' | 'description', { value: string; row: number }>>,
): string | ResolvedRow {
  if (seenSkus.has(row.sku)) return `SKU ${row.sku} appears on an earlier row of the file`;
  const locationStock: ResolvedRow['locationStock'] = [];
  for (const { code, quantity } of row.stock) {
    const location = scope.locations.get(code);
    if (!location) return `Unknown location code ${code} (column stock:${code})`;
    if (!location.active) return `Location ${code} is archived: its stock cannot be set`;
    locationStock.push({ locationId: location.id, code, quantity });
  }
  for (const field of ['name', 'category', 'description'] as const) {
    const value = row[field];
    if (value === undefined) continue;
    const seen = first[field];
    if (seen && seen.value !== value) {
      return `${field} differs from row ${seen.row}'s for product ${row.productSku}: leave it blank or the same on every row of a product`;
    }
  }
  for (const field of ['name', 'category', 'description'] as const) {
    const value = row[field];
    if (value !== undefined && !first[field]) first[field] = { value, row: row.row };
  }
  seenSkus.add(row.sku);
  return { ...row, locationStock };
}

/** Which product (by product SKU) each of these variant SKUs belongs to. */
async function variantOwners(db: Database, skus: readonly string[]) {
  if (skus.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ sku: schema.variants.sku, productSku: schema.products.sku })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(inArray(schema.variants.sku, [...skus]));
  return new Map(rows.map((row) => [row.sku, row.productSku]));
}

/**
 * A new product from its rows: the options named on its first row (each row naming the
 * same, in the same order), their values in the order the rows give them, one variant per
 * row with its stock per location, all in `createProduct`'s one transaction. A refusal
 * there (a taken SKU, an archived category) is every row's.
 */
async function createFromRows(
  scope: ImportScope,
  productSku: string,
  details: {
    name?: string | undefined;
    category?: string | undefined;
    description?: string | undefined;
  },
  rows: ResolvedRow[],
): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  if (details.name === undefined || details.category === undefined) {
    const missing = details.name === undefined ? 'name' : 'category';
    return rows.map((row) =>
      failed(row, `Product ${productSku} is new and needs a ${missing} (on its first row)`),
    );
  }
  const names = rows[0]!.options.map((option) => option.name);
  const combinations = new Set<string>();
  const fitting: ResolvedRow[] = [];
  for (const row of rows) {
    const own = row.options.map((option) => option.name);
    if (own.join('\u0000') !== names.join('\u0000')) {
      outcomes.push(
        failed(
          row,
          `Options don't fit product ${productSku}: this row names ${optionNames(row) || 'none'}, its first row ${names.join(', ') || 'none'}`,
        ),
      );
      continue;
    }
    const combination = row.options.map((option) => option.value).join(' / ');
    if (combinations.has(combination)) {
      outcomes.push(
        failed(
          row,
          names.length === 0
            ? `Product ${productSku} has several rows but no options to tell its variants apart`
            : `Another row of product ${productSku} is also "${combination}"`,
        ),
      );
      continue;
    }
    if (row.priceCents === undefined) {
      outcomes.push(failed(row, 'A new variant needs a price'));
      continue;
    }
    combinations.add(combination);
    fitting.push(row);
  }
  if (fitting.length === 0) return outcomes;
  const taken = await variantOwners(
    scope.db,
    fitting.map((row) => row.sku),
  );
  const variants = fitting.filter((row) => {
    const owner = taken.get(row.sku);
    if (owner !== undefined) {
      outcomes.push(
        failed(row, `SKU ${row.sku} is a variant of another product (product_sku ${owner})`),
      );
    }
    return owner === undefined;
  });
  if (variants.length === 0) return outcomes;

  const options = names.map((name, i) => ({
    name,
    values: [...new Set(variants.map((row) => row.options[i]!.value))],
  }));
  try {
    await createProduct(scope.db, {
      adminId: scope.adminId,
      productSku,
      name: details.name,
      category: details.category,
      description: details.description ?? '',
      options,
      variants: variants.map((row) => ({
        sku: row.sku,
        options: Object.fromEntries(row.options.map((option) => [option.name, option.value])),
        priceCents: row.priceCents!,
        stock: row.locationStock.map(({ locationId, quantity }) => ({ locationId, quantity })),
      })),
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [...outcomes, ...variants.map((row) => failed(row, error.message))];
  }
  // New variants are on sale; a row that says otherwise takes its variant off sale after.
  for (const row of variants) {
    if (row.active !== false) {
      outcomes.push({ row: row.row, sku: row.sku, result: 'created' });
      continue;
    }
    const [variant] = await scope.db
      .select({ id: schema.variants.id })
      .from(schema.variants)
      .where(eq(schema.variants.sku, row.sku));
    try {
      await updateVariant(scope.db, variant!.id, { active: false });
      outcomes.push({ row: row.row, sku: row.sku, result: 'created' });
    } catch (error) {
      outcomes.push(refusal(row, error));
    }
  }
  return outcomes.sort((a, b) => a.row - b.row);
}
