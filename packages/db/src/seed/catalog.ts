import { categorySlug, productImagePath } from '@stockpulse/shared';
import { CATEGORIES, CATEGORY_PARENTS } from './catalog-data';
import { Rng } from './prng';
import { DAY } from './time';

/**
 * The catalog as typed arrays: what the order generator and the inventory planner need
 * about every product (category, price), without holding names and descriptions for
 * 100,000 products in memory. Product `i` (0-based) gets id `i + 1`.
 */
export interface Catalog {
  count: number;
  category: Uint8Array;
  adjective: Uint8Array;
  material: Uint8Array;
  noun: Uint8Array;
  priceCents: Uint32Array;
}

export const productId = (index: number) => index + 1;

/** Category `c` of CATEGORIES (0-based) is category id `c + 1`; the parents follow. */
export const categoryId = (index: number) => index + 1;

export interface SeedCategory {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
}

/** The category records: one per CATEGORIES entry, then the CATEGORY_PARENTS over them. */
export function seedCategories(): SeedCategory[] {
  const parents = CATEGORY_PARENTS.map((parent, p) => ({
    ...parent,
    id: categoryId(CATEGORIES.length + p),
  }));
  const leaves = CATEGORIES.map((data, c) => ({
    id: categoryId(c),
    name: data.name,
    slug: categorySlug(data.name),
    parentId: parents.find((parent) => parent.children.includes(data.name))?.id ?? null,
  }));
  return [
    ...leaves,
    ...parents.map(({ id, name }) => ({ id, name, slug: categorySlug(name), parentId: null })),
  ];
}

/** A shopper's price: $4.49, $34.99, $149.99. */
function charmPrice(cents: number): number {
  if (cents < 1000) return Math.max(99, Math.round(cents / 50) * 50 - 1);
  if (cents < 10_000) return Math.round(cents / 100) * 100 - 1;
  return Math.round(cents / 500) * 500 - 1;
}

export function planCatalog(seed: number, count: number): Catalog {
  const rng = new Rng(seed, 'catalog');
  const weights = CATEGORIES.map((c) => c.weight);
  const catalog: Catalog = {
    count,
    category: new Uint8Array(count),
    adjective: new Uint8Array(count),
    material: new Uint8Array(count),
    noun: new Uint8Array(count),
    priceCents: new Uint32Array(count),
  };
  for (let i = 0; i < count; i++) {
    // The first products cover every category once, so even a tiny catalog has them all.
    const c = i < CATEGORIES.length ? i : rng.weighted(weights);
    const data = CATEGORIES[c]!;
    const a = rng.int(0, data.adjectives.length - 1);
    const m = rng.int(0, data.materials.length - 1);
    const n = rng.int(0, data.nouns.length - 1);
    const [, factor] = data.materials[m]!;
    const [, base] = data.nouns[n]!;
    catalog.category[i] = c;
    catalog.adjective[i] = a;
    catalog.material[i] = m;
    catalog.noun[i] = n;
    catalog.priceCents[i] = charmPrice(base * factor * rng.between(0.8, 1.3));
  }
  return catalog;
}

export function productSku(catalog: Catalog, index: number): string {
  const prefix = CATEGORIES[catalog.category[index]!]!.skuPrefix;
  return `${prefix}-${String(productId(index)).padStart(5, '0')}`;
}

export interface ProductText {
  sku: string;
  name: string;
  description: string;
  category: string;
  categoryId: number;
  imageUrl: string;
}

/** Name, description and image of product `index`; `rng` picks the sentences. */
export function productText(catalog: Catalog, index: number, rng: Rng): ProductText {
  const data = CATEGORIES[catalog.category[index]!]!;
  const adjective = data.adjectives[catalog.adjective[index]!]!;
  const [material] = data.materials[catalog.material[index]!]!;
  const [noun] = data.nouns[catalog.noun[index]!]!;
  // "Arctic White" reads "arctic white" mid-sentence; "TPE" and origins keep their capitals.
  const lower = (words: string) => words.replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase());
  const fill = (sentence: string) => {
    const text = sentence
      .replaceAll('{material}', data.properMaterials ? material : lower(material))
      .replaceAll('{noun}', lower(noun))
      .replace(/\b([Aa]) (?=[aeiouAEIOU])/g, '$1n ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const first = rng.int(0, data.features.length - 1);
  const second = (first + rng.int(1, data.features.length - 1)) % data.features.length;
  const description = [
    fill(data.features[first]!),
    fill(data.features[second]!),
    rng.pick(data.closings),
  ].join(' ');
  const sku = productSku(catalog, index);
  return {
    sku,
    name: `${adjective} ${material} ${noun}`,
    description,
    category: data.name,
    categoryId: categoryId(catalog.category[index]!),
    imageUrl: productImagePath(sku),
  };
}

/** When a product was added to the catalog: some time before the order history starts. */
export function productCreatedAt(rng: Rng, historyStart: number): number {
  return Math.floor(historyStart - rng.between(7, 400) * DAY);
}
