import type { ProductPhoto } from '@stockpulse/shared';

/** apps/server's limit (core/media MAX_IMAGE_BYTES): checked here first, to save the upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What the server decodes; the file picker offers these. */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/gif,image/avif,image/tiff';

/** A refused upload: the server's sentence (or ours), to show as it is. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    /** The server's cause, e.g. IMAGE_TOO_LARGE; absent for a network failure. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/**
 * Sends one file to `POST /admin/products/:id/images` (multipart; the session cookie goes
 * with it) and answers the product's photos in order. Throws an UploadError carrying the
 * server's `{ error, cause }`, e.g. "The file is larger than the 10 MB limit".
 */
export async function uploadProductImage(
  productId: number,
  file: File,
  send: typeof fetch = fetch,
): Promise<ProductPhoto[]> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new UploadError('The file is larger than the 10 MB limit', 'IMAGE_TOO_LARGE');
  }
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await send(`/admin/products/${productId}/images`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new UploadError('The server could not be reached: check the connection and try again');
  }
  const answer = (await response.json().catch(() => null)) as {
    images?: ProductPhoto[];
    error?: string;
    cause?: string;
  } | null;
  if (!response.ok || !answer?.images) {
    throw new UploadError(
      answer?.error ?? `The upload failed (HTTP ${response.status})`,
      answer?.cause,
    );
  }
  return answer.images;
}
