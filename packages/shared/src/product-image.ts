/**
 * A generated product picture: an SVG drawn from the product's name and category, so
 * the catalog has images without shipping binary assets. Deterministic: the same
 * product always gets the same picture.
 */
const PALETTES = [
  ['#0f766e', '#99f6e4'],
  ['#1d4ed8', '#bfdbfe'],
  ['#7c3aed', '#ddd6fe'],
  ['#be123c', '#fecdd3'],
  ['#b45309', '#fde68a'],
  ['#15803d', '#bbf7d0'],
  ['#0369a1', '#bae6fd'],
  ['#a21caf', '#f5d0fe'],
  ['#4d7c0f', '#d9f99d'],
  ['#c2410c', '#fed7aa'],
] as const;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Where apps/server serves a product's generated picture (media.ts): what a product with
 * no image of its own shows.
 */
export function productImagePath(sku: string): string {
  return `/media/products/${encodeURIComponent(sku)}.svg`;
}

export function productImageSvg(product: { name: string; category: string; sku: string }): string {
  const [dark, light] = PALETTES[hash(product.category) % PALETTES.length]!;
  const h = hash(product.sku);
  const initials = product.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  const cx = 60 + (h % 280);
  const cy = 60 + ((h >>> 9) % 180);
  const r = 50 + ((h >>> 17) % 70);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" role="img" aria-label="${escapeXml(product.name)}">
<rect width="400" height="300" fill="${light}"/>
<circle cx="${cx}" cy="${cy}" r="${r}" fill="${dark}" opacity="0.18"/>
<circle cx="${400 - cx}" cy="${300 - cy}" r="${r * 0.7}" fill="${dark}" opacity="0.12"/>
<text x="200" y="165" text-anchor="middle" font-family="system-ui,sans-serif" font-size="72" font-weight="700" fill="${dark}">${escapeXml(initials)}</text>
<text x="200" y="230" text-anchor="middle" font-family="system-ui,sans-serif" font-size="20" fill="${dark}">${escapeXml(product.category)}</text>
</svg>`;
}

/**
 * A photo staff uploaded (core/products/images.ts), as every answer and `product:updated`
 * carry it: `src` for `<img src>`, `srcSet` (`… 320w, … 640w`) for `<img srcset>`,
 * `width`/`height` of the largest file (the aspect ratio, for layout before it loads).
 * Files are WebP, immutable under their names (served from `/media/product-images/…`).
 */
export interface ProductPhoto {
  id: number;
  alt: string;
  src: string;
  srcSet: string;
  width: number;
  height: number;
}

/** The widths a photo is stored at; never wider than the upload (no upscaling). */
export const PRODUCT_PHOTO_WIDTHS = [320, 640, 1280] as const;
/** What `src` points at: the file of this width, or the largest when the photo is narrower. */
const SRC_WIDTH = 640;

/** The widths of a photo whose largest file is `width` wide: the standard ones below it, then it. */
export function productPhotoWidths(width: number): number[] {
  return [...PRODUCT_PHOTO_WIDTHS.filter((w) => w < width), width];
}

/** A file's key in the media store, e.g. `product-images/12/3f…-640.webp`. */
export const productPhotoFileKey = (storageKey: string, width: number) =>
  `${storageKey}-${width}.webp`;

/** Where apps/server serves a file of the media store (media.ts). */
export const mediaPath = (key: string) => `/media/${key}`;

/** The answer's photo from its row (`storage_key` and the largest file's size). */
export function productPhoto(row: {
  id: number;
  alt: string;
  storageKey: string;
  width: number;
  height: number;
}): ProductPhoto {
  const widths = productPhotoWidths(row.width);
  const url = (w: number) => mediaPath(productPhotoFileKey(row.storageKey, w));
  return {
    id: row.id,
    alt: row.alt,
    src: url(widths.find((w) => w >= SRC_WIDTH) ?? row.width),
    srcSet: widths.map((w) => `${url(w)} ${w}w`).join(', '),
    width: row.width,
    height: row.height,
  };
}
