import type { MediaStore } from '@stockpulse/core/media';
import type { Database } from '@stockpulse/db';
import type { FastifyInstance } from 'fastify';
import { storedMediaRoutes } from './files';
import { generatedImageRoutes } from './generated';
import { imageUploadRoutes } from './upload';

export { mediaConfigOf } from './config';
export { IMMUTABLE } from './files';
export { imageUploadPath, type UploadRefusal } from './upload';

/**
 * Everything under `/media` (the generated pictures, the stored photos) and the photo
 * upload for staff.
 */
export async function mediaRoutes(app: FastifyInstance, deps: { db: Database; media: MediaStore }) {
  await generatedImageRoutes(app, deps);
  await storedMediaRoutes(app, deps);
  await imageUploadRoutes(app, deps);
}
