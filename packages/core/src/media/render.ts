import { createHash } from 'node:crypto';
import { DomainError, PRODUCT_PHOTO_WIDTHS, productPhotoWidths } from '@stockpulse/shared';
import sharp from 'sharp';

/** The largest upload taken, in bytes (apps/server's multipart limit is the same). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Decoding stops past this many pixels (a small file can unpack to gigabytes). */
const MAX_INPUT_PIXELS = 50_000_000;
/** Taller than this many times its width is a strip, not a product photo. */
const MAX_TALLNESS = 4;
/** What libvips may decode here and a shop means by a photo; never SVG, PDF or raw. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);
const WEBP_QUALITY = 80;

export interface RenderedImage {
  /** A hash of the upload's bytes: the same file gives the same names. */
  hash: string;
  /** Of the largest file: at most 1280 wide, never wider than the upload. */
  width: number;
  height: number;
  files: { width: number; body: Buffer }[];
}

const unsupported = (message: string, format?: string) =>
  new DomainError('IMAGE_UNSUPPORTED', message, format ? { format } : {});

/**
 * Decodes an upload and writes it as WebP at each width of `productPhotoWidths`: turned
 * upright by its EXIF orientation first, then stripped of every metadata block (EXIF, GPS,
 * XMP, ICC: sharp writes none unless asked; colours are converted to sRGB). What is not a
 * picture, or is one in a format the shop does not take, is IMAGE_UNSUPPORTED, never a 500.
 */
export async function renderProductImage(bytes: Buffer): Promise<RenderedImage> {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new DomainError('IMAGE_TOO_LARGE', 'The file is larger than the 10 MB limit', {
      maxBytes: MAX_IMAGE_BYTES,
    });
  }
  const decode = () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
  const metadata = await decode()
    .metadata()
    .catch(() => {
      throw unsupported('The file is not a picture (JPEG, PNG, WebP, GIF, AVIF or TIFF)');
    });
  if (!ACCEPTED_FORMATS.has(metadata.format)) {
    throw unsupported(
      `${metadata.format.toUpperCase()} files are not taken: upload JPEG, PNG, WebP, GIF, AVIF or TIFF`,
      metadata.format,
    );
  }
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw unsupported(
      `The picture is ${metadata.width}×${metadata.height}: at most 50 megapixels`,
      metadata.format,
    );
  }
  const upright = metadata.autoOrient ?? metadata;
  if (upright.height > upright.width * MAX_TALLNESS) {
    throw unsupported(
      `The picture is ${upright.width}×${upright.height}: at most ${MAX_TALLNESS} times as tall as it is wide`,
      metadata.format,
    );
  }
  const largest = Math.min(upright.width, PRODUCT_PHOTO_WIDTHS.at(-1)!);
  const files = await Promise.all(
    productPhotoWidths(largest).map(async (width) => {
      const { data, info } = await decode()
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true })
        .catch(() => {
          throw unsupported('The picture could not be decoded: the file may be damaged');
        });
      return { width, height: info.height, body: data };
    }),
  );
  const top = files.at(-1)!;
  return {
    hash: createHash('sha256').update(bytes).digest('hex').slice(0, 24),
    width: largest,
    height: top.height,
    files: files.map(({ width, body }) => ({ width, body })),
  };
}
