import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Smaller answers go as they are: compressing them saves a packet at most. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Brotli or gzip, by `Accept-Encoding`, for the server's own answers of 1 KiB or more (the
 * catalog, the admin's lists, Bull Board's files). The built fronts are compressed at build
 * time (fronts.ts serves the `.br`/`.gz` beside each file, which this leaves alone), and
 * Socket.IO never reaches Fastify (engine.io takes its requests off the HTTP server first),
 * so neither is compressed here. Register it before the routes it covers.
 */
export async function registerCompression(app: FastifyInstance) {
  // tRPC answers with a fetch Response, which @fastify/compress treats as a stream and so
  // compresses whatever its size. httpBatchLink's answers are one JSON document: read it
  // first, so the threshold applies. A streaming link's (trpc-accept) stays a stream.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!(payload instanceof Response) || request.headers['trpc-accept'] !== undefined) {
      return payload;
    }
    if (!payload.headers.get('content-type')?.startsWith('application/json')) return payload;
    reply.code(payload.status);
    for (const [name, value] of payload.headers) reply.header(name, value);
    return payload.text();
  });
  await app.register(fastifyCompress, {
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    // Brotli's default (quality 11) is for files compressed once; 4 is about gzip's speed
    // and still smaller than gzip.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
