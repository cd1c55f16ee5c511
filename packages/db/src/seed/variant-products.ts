import { actorOf, DEFAULT_LOCATION_ID, productImagePath } from '@stockpulse/shared';
import { productId, seedCategories } from './catalog';
import { addMovement, type SeedContext } from './context';
import { Rng } from './prng';
import type { SearchWordRows } from './search-words';
import { SEED_TABLES } from './tables';
import { sqlTime } from './time';

/**
 * The shop's second location (DESIGN §11): it fulfils online orders after the main
 * warehouse. The seed creates it (`seedLocationsSql`) before the bulk load; every product
 * has a row there, empty but for the variant products' stock.
 */
export const SECOND_LOCATION = {
  id: 2,
  name: 'East warehouse',
  code: 'EAST',
  country: 'US',
  priority: 2,
} as const;

export const SEED_LOCATIONS_SQL = `INSERT IGNORE INTO locations (id, name, code, country, fulfils_online, priority, active)
VALUES (${SECOND_LOCATION.id}, '${SECOND_LOCATION.name}', '${SECOND_LOCATION.code}', '${SECOND_LOCATION.country}', true, ${SECOND_LOCATION.priority}, true)`;

interface VariantProduct {
  name: string;
  category: string;
  description: string;
  priceCents: number;
  options: { name: string; values: string[] }[];
}

/** Products sold in options, after the history's catalog, so the demo shows variants. */
const VARIANT_PRODUCTS: readonly VariantProduct[] = [
  {
    name: 'Organic Cotton Crew T-Shirt',
    category: 'Apparel',
    description:
      'A heavyweight crew-neck tee in organic cotton. Pre-shrunk, cut for a relaxed fit.',
    priceCents: 2_400,
    options: [
      { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
      { name: 'Colour', values: ['Black', 'White', 'Navy'] },
    ],
  },
  {
    name: 'Merino Zip Hoodie',
    category: 'Apparel',
    description:
      'Fine merino wool that warms without weight, with a full-length zip and deep pockets.',
    priceCents: 8_900,
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['Charcoal', 'Forest'] },
    ],
  },
  {
    name: 'Trail Running Socks',
    category: 'Apparel',
    description: 'Cushioned, breathable socks with a seamless toe, sold as a pair.',
    priceCents: 1_400,
    options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
  },
  {
    name: 'Ceramic Pour-Over Set',
    category: 'Kitchen',
    description: 'A stoneware dripper and carafe glazed by hand; every set is a little different.',
    priceCents: 4_200,
    options: [{ name: 'Glaze', values: ['Sand', 'Slate', 'Moss'] }],
  },
];

export const VARIANT_PRODUCT_COUNT = VARIANT_PRODUCTS.length;

/** Every combination of the options' values, in order ("S / Black", "S / White", …). */
function combinations(options: VariantProduct['options']): Record<string, string>[] {
  return options.reduce<Record<string, string>[]>(
    (all, option) =>
      all.flatMap((partial) =>
        option.values.map((value) => ({ ...partial, [option.name]: value })),
      ),
    [{}],
  );
}

/**
 * Writes the variant products: product, options and values, a variant per combination
 * (some sold out, some only at the second location), each with a row at both locations
 * and an opening ledger row for what it holds there. Ids follow the history's catalog:
 * products from `catalog.count + 1`, variants from the last default variant's id + 1.
 */
/** The seeded category record of that name (the variant products use the history's). */
function categoryIdOf(name: string): number {
  const category = seedCategories().find((c) => c.name === name);
  if (!category) throw new Error(`no seeded category "${name}"`);
  return category.id;
}

export async function writeVariantProducts(ctx: SeedContext, words: SearchWordRows) {
  const { writer, catalog, start } = ctx;
  const rng = new Rng(ctx.seed, 'variant-products');
  const created = sqlTime(start);
  let variantId = catalog.count;
  let optionId = 0;
  let valueId = 0;
  for (const [k, product] of VARIANT_PRODUCTS.entries()) {
    const index = catalog.count + k;
    const id = productId(index);
    const base = `VAR-${String(id).padStart(5, '0')}`;
    const all = combinations(product.options);
    const skuOf = (n: number) => `${base}-${String(n + 1).padStart(2, '0')}`;
    writer.add(SEED_TABLES.products, [
      id,
      skuOf(0),
      product.name,
      product.description,
      product.category,
      categoryIdOf(product.category),
      product.priceCents,
      productImagePath(skuOf(0)),
      true,
      created,
      created,
    ]);
    words.add(index, { name: product.name, sku: skuOf(0), description: product.description });
    for (const [position, option] of product.options.entries()) {
      optionId += 1;
      writer.add(SEED_TABLES.productOptions, [optionId, id, option.name, position]);
      for (const [i, value] of option.values.entries()) {
        valueId += 1;
        writer.add(SEED_TABLES.productOptionValues, [valueId, optionId, value, i]);
      }
    }
    for (const [n, values] of all.entries()) {
      variantId += 1;
      const title = product.options.map((option) => values[option.name]).join(' / ');
      // A larger size costs a little more; a few combinations are sold out everywhere, a
      // few are only at the second location.
      const priceCents = product.priceCents + (n % 4 === 3 ? 200 : 0);
      writer.add(SEED_TABLES.variants, [
        variantId,
        id,
        skuOf(n),
        JSON.stringify(values),
        title,
        priceCents,
        true,
        n,
        created,
        created,
      ]);
      const roll = rng.int(0, 9);
      const main = roll < 2 ? 0 : rng.int(3, 40);
      const east = roll === 0 ? 0 : rng.int(0, 25);
      for (const [locationId, onHand] of [
        [DEFAULT_LOCATION_ID, main],
        [SECOND_LOCATION.id, east],
      ] as const) {
        writer.add(SEED_TABLES.inventory, [
          variantId,
          locationId,
          id,
          onHand,
          0,
          0,
          5,
          20,
          1,
          created,
        ]);
        addMovement(ctx, index, {
          variantId,
          locationId,
          onHand,
          reason: 'opening',
          refType: 'seed',
          refId: null,
          actor: actorOf('seed'),
          note: 'opening balance',
          at: start,
        });
      }
    }
    if (writer.full) await writer.flush();
  }
}
