import type { Readable } from 'node:stream';

/**
 * Where uploaded media files live: a folder (local-store.ts, the default) or an
 * S3-compatible bucket (s3-store.ts), chosen by configuration (`openMediaStore`). Keys are
 * relative paths such as `product-images/12/3f…-640.webp`; a key's file never changes once
 * written (the name carries a hash of the upload), so every reader may cache it for ever.
 */
export interface MediaStore {
  /** Writes (or overwrites) the file under `key`. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file's bytes as a stream, or null when no file has that key. */
  get(key: string): Promise<MediaFile | null>;
  /** Deletes the files; keys without a file are no error. */
  delete(keys: readonly string[]): Promise<void>;
}

export interface MediaFile {
  body: Readable;
  contentType: string;
  /** In bytes, when the store knows it before reading. */
  size?: number | undefined;
}

/**
 * What a key may look like: lower-case letters, digits, `-` and `_` in `/`-separated
 * segments, ending in a known extension. Never `..`, never absolute: a key read from a URL
 * cannot leave the store's folder or prefix.
 */
const KEY_PATTERN = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*\.(webp|avif|jpg|png)$/;

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  avif: 'image/avif',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export const isMediaKey = (key: string): boolean => key.length <= 300 && KEY_PATTERN.test(key);

/** The content type a key's extension names (the stores answer with it). */
export function mediaContentType(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/** Throws on a key that `isMediaKey` refuses: a bug in the caller, not bad input. */
export function assertMediaKey(key: string): void {
  if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
}
