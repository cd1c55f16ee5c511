import { isMediaKey, type MediaStore } from '@stockpulse/core/media';
import type { FastifyInstance } from 'fastify';

/** A stored file's name carries a hash of its upload: its bytes never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `/media/<key>`: the files of the media store (uploaded photos, `productPhoto` in
 * @stockpulse/shared builds their URLs), streamed from the folder or the bucket alike,
 * cached for a year. 404 for a key that is not one or has no file.
 */
export async function storedMediaRoutes(app: FastifyInstance, deps: { media: MediaStore }) {
  app.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
    const key = request.params['*'];
    const file = isMediaKey(key) ? await deps.media.get(key) : null;
    if (!file) return reply.callNotFound();
    reply
      .type(file.contentType)
      .header('cache-control', IMMUTABLE)
      .header('x-content-type-options', 'nosniff');
    if (file.size !== undefined) reply.header('content-length', file.size);
    return reply.send(file.body);
  });
}
