import fastifyMultipart from '@fastify/multipart';
import { toTRPCError } from '@stockpulse/api';
import { resolveSession, SESSION_COOKIE } from '@stockpulse/core';
import { MAX_IMAGE_BYTES, type MediaStore, uploadProductImage } from '@stockpulse/core/media';
import type { Database } from '@stockpulse/db';
import { DomainError, type ErrorCause } from '@stockpulse/shared';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where staff upload a product's photo (the console's images panel). */
export const imageUploadPath = (productId: number | string) =>
  `/admin/products/${productId}/images`;

/** The refusal every client reads: a sentence to show, and the cause to act on. */
export interface UploadRefusal {
  error: string;
  cause: ErrorCause | 'UNAUTHORIZED' | 'FORBIDDEN' | 'BAD_REQUEST';
}

const refuse = (reply: FastifyReply, status: number, body: UploadRefusal) =>
  reply.code(status).send(body);

const LIMIT_MB = MAX_IMAGE_BYTES / 1024 / 1024;

/**
 * `POST /admin/products/:id/images`, multipart: one file (`file`), and optionally an
 * `alt` field before it. Administrators only, checked as the tRPC context and the queue
 * board check it: 401 without a session, 403 for a customer's. The file is decoded,
 * resized and stored by core (`uploadProductImage`); answers 201 `{ id, created, images }`
 * (200 when the product has that very file already). Refusals are JSON
 * `{ error, cause }`, never a 500: 413 IMAGE_TOO_LARGE past 10 MB, 415 IMAGE_UNSUPPORTED
 * for what is not a picture in a taken format, 404 for an unknown product.
 * Cross-site POSTs never get here (origin-check.ts).
 */
export async function imageUploadRoutes(
  app: FastifyInstance,
  deps: { db: Database; media: MediaStore },
) {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // One byte past the limit: a file cut there is one that was too large (busboy's own
      // `truncated` flag can be set after toBuffer() has read the last chunk).
      limits: { fileSize: MAX_IMAGE_BYTES + 1, files: 1, fields: 2, fieldSize: 2_000, parts: 3 },
    });

    scope.post<{ Params: { id: string } }>('/admin/products/:id/images', async (request, reply) => {
      const resolved = await resolveSession(deps.db, request.cookies[SESSION_COOKIE]);
      if (!resolved) {
        return refuse(reply, 401, { error: 'Sign in as an administrator', cause: 'UNAUTHORIZED' });
      }
      if (resolved.session.role !== 'admin') {
        return refuse(reply, 403, { error: 'For admins only', cause: 'FORBIDDEN' });
      }
      const productId = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : 0;
      if (productId < 1) {
        return refuse(reply, 404, {
          error: `Product ${request.params.id} not found`,
          cause: 'NOT_FOUND',
        });
      }

      let bytes: Buffer;
      let alt: string | undefined;
      try {
        const part = await request.file();
        if (!part) {
          return refuse(reply, 400, { error: 'Choose a file to upload', cause: 'BAD_REQUEST' });
        }
        const altField = part.fields.alt;
        if (altField && !Array.isArray(altField) && altField.type === 'field') {
          alt = String(altField.value).slice(0, 300);
        }
        bytes = await part.toBuffer();
        if (part.file.truncated || bytes.length > MAX_IMAGE_BYTES) return tooLarge(reply);
      } catch (error) {
        return refuseMultipart(reply, error);
      }

      try {
        const answer = await uploadProductImage(deps.db, deps.media, { productId, bytes, alt });
        return reply.code(answer.created ? 201 : 200).send(answer);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return refuse(reply, getHTTPStatusCodeFromError(toTRPCError(error)), {
          error: error.message,
          cause: error.code,
        });
      }
    });
  });
}

const tooLarge = (reply: FastifyReply) =>
  refuse(reply, 413, {
    error: `The file is larger than the ${LIMIT_MB} MB limit`,
    cause: 'IMAGE_TOO_LARGE',
  });

/** What @fastify/multipart throws, as a sentence: the size limit by name above all. */
function refuseMultipart(reply: FastifyReply, error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(reply);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return refuse(reply, 415, {
      error: 'Send the file as multipart/form-data',
      cause: 'IMAGE_UNSUPPORTED',
    });
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return refuse(reply, 413, {
      error: 'Upload one file at a time, with at most an alt text field before it',
      cause: 'BAD_REQUEST',
    });
  }
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return refuse(reply, 400, { error: 'The upload could not be read', cause: 'BAD_REQUEST' });
  }
  throw error;
}
