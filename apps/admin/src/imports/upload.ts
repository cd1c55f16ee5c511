import { MAX_IMPORT_BYTES } from '@stockpulse/shared';

/** A refused upload: the server's sentence (or ours), to show as it is. */
export class ImportUploadError extends Error {
  override readonly name = 'ImportUploadError';
}

export const IMPORT_PATH = '/admin/import/products';

/**
 * Sends a CSV to `POST /admin/import/products` (multipart; the session cookie goes with
 * it) and answers the queued import's id. The size limit is checked here first, to save
 * the upload; every refusal carries the server's `{ error }`, e.g. "The file has no sku
 * column".
 */
export async function uploadCatalogCsv(file: File, send: typeof fetch = fetch) {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new ImportUploadError(
      `The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit`,
    );
  }
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await send(IMPORT_PATH, { method: 'POST', body, credentials: 'same-origin' });
  } catch {
    throw new ImportUploadError(
      'The server could not be reached: check the connection and try again',
    );
  }
  const answer = (await response.json().catch(() => null)) as {
    importId?: number;
    jobId?: string;
    error?: string;
  } | null;
  if (!response.ok || typeof answer?.importId !== 'number') {
    throw new ImportUploadError(answer?.error ?? `The upload failed (HTTP ${response.status})`);
  }
  return { importId: answer.importId, jobId: answer.jobId ?? '' };
}
