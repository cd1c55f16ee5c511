import fastifyMultipart from '@fastify/multipart';
import { toTRPCError } from '@stockpulse/api';
import {
  exportInventoryCsv,
  exportOrdersCsv,
  exportProductsCsv,
  orderExportRange,
  queueImport,
  resolveSession,
  SESSION_COOKIE,
} from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { DomainError, type ErrorCause, MAX_IMPORT_BYTES } from '@stockpulse/shared';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const IMPORT_PRODUCTS_PATH = '/admin/import/products';
export const EXPORT_PATHS = {
  products: '/admin/export/products.csv',
  inventory: '/admin/export/inventory.csv',
  orders: '/admin/export/orders.csv',
} as const;

/** The refusal every client reads: a sentence to show, and the cause to act on. */
export interface CsvRefusal {
  error: string;
  cause: ErrorCause | 'UNAUTHORIZED' | 'FORBIDDEN' | 'BAD_REQUEST';
}

const refuse = (reply: FastifyReply, status: number, body: CsvRefusal) =>
  reply.code(status).send(body);

const LIMIT_MB = MAX_IMPORT_BYTES / 1024 / 1024;
const tooLarge = (reply: FastifyReply) =>
  refuse(reply, 413, {
    error: `The file is larger than the ${LIMIT_MB} MB limit`,
    cause: 'IMPORT_TOO_LARGE',
  });

/** The signed-in admin's id, or the 401/403 already sent (as the queue board answers). */
async function requireAdmin(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<number | null> {
  const resolved = await resolveSession(db, request.cookies[SESSION_COOKIE]);
  if (!resolved) {
    await refuse(reply, 401, { error: 'Sign in as an administrator', cause: 'UNAUTHORIZED' });
    return null;
  }
  if (resolved.session.role !== 'admin') {
    await refuse(reply, 403, { error: 'For admins only', cause: 'FORBIDDEN' });
    return null;
  }
  return resolved.session.userId;
}

function refuseDomain(reply: FastifyReply, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  return refuse(reply, getHTTPStatusCodeFromError(toTRPCError(error)), {
    error: error.message,
    cause: error.code,
  });
}

/** A stamped file name: `orders-2026-01-01-to-2026-01-31.csv`, `products-2026-02-03.csv`. */
const attachment = (name: string) => `attachment; filename="${name}"`;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The catalog CSV routes (DESIGN §11), administrators only (401 without a session, 403
 * for a customer's, as the photo upload and the queue board answer):
 *
 * - `POST /admin/import/products`: the file as `multipart/form-data` (one `file` part) or
 *   as the body itself (`text/csv`), at most MAX_IMPORT_BYTES (413 IMPORT_TOO_LARGE past
 *   it); 202 `{ jobId, importId }` once it is stored and its job queued; 400
 *   IMPORT_INVALID for a header that cannot run (core's queueImport).
 * - `GET /admin/export/{products,inventory,orders}.csv`: streamed as they are read, in
 *   keyset batches (core's exporters say their read plans); orders take `from` and `to`
 *   (YYYY-MM-DD, UTC days, both included), 400 INVALID_RANGE otherwise.
 *
 * Cross-site POSTs never get here (origin-check.ts).
 */
export async function catalogCsvRoutes(app: FastifyInstance, deps: { db: Database }) {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 0, parts: 1 },
    });
    // `text/csv` bodies as one string, one byte past the limit so a larger one is told apart.
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES + 1 },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error, _request, reply) => {
      if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return tooLarge(reply);
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(reply);
      throw error;
    });

    scope.post(IMPORT_PRODUCTS_PATH, async (request, reply) => {
      const adminId = await requireAdmin(deps.db, request, reply);
      if (adminId === null) return reply;
      let csv: string;
      let fileName = 'products.csv';
      if (request.isMultipart()) {
        try {
          const part = await request.file();
          if (!part)
            return refuse(reply, 400, { error: 'Choose a CSV file', cause: 'BAD_REQUEST' });
          fileName = part.filename || fileName;
          const bytes = await part.toBuffer();
          if (part.file.truncated || bytes.length > MAX_IMPORT_BYTES) return tooLarge(reply);
          csv = bytes.toString('utf8');
        } catch (error) {
          const code = (error as { code?: unknown } | null)?.code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(reply);
          if (typeof code === 'string' && code.startsWith('FST_')) {
            return refuse(reply, 400, {
              error: 'The upload could not be read',
              cause: 'BAD_REQUEST',
            });
          }
          throw error;
        }
      } else if (typeof request.body === 'string') {
        csv = request.body;
        if (Buffer.byteLength(csv) > MAX_IMPORT_BYTES) return tooLarge(reply);
      } else {
        return refuse(reply, 415, {
          error: 'Send the CSV as multipart/form-data (a file field) or as text/csv',
          cause: 'BAD_REQUEST',
        });
      }
      try {
        const queued = await queueImport(deps.db, { csv, fileName, adminId });
        return reply.code(202).send(queued);
      } catch (error) {
        return refuseDomain(reply, error);
      }
    });

    const csvHeaders = (reply: FastifyReply, name: string) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(name))
        .header('cache-control', 'no-store');

    scope.get(EXPORT_PATHS.products, async (request, reply) => {
      if ((await requireAdmin(deps.db, request, reply)) === null) return reply;
      return csvHeaders(reply, `products-${today()}.csv`).send(await exportProductsCsv(deps.db));
    });
    scope.get(EXPORT_PATHS.inventory, async (request, reply) => {
      if ((await requireAdmin(deps.db, request, reply)) === null) return reply;
      return csvHeaders(reply, `inventory-${today()}.csv`).send(await exportInventoryCsv(deps.db));
    });
    scope.get<{ Querystring: { from?: string; to?: string } }>(
      EXPORT_PATHS.orders,
      async (request, reply) => {
        if ((await requireAdmin(deps.db, request, reply)) === null) return reply;
        const { from, to } = request.query;
        let range: ReturnType<typeof orderExportRange>;
        try {
          range = orderExportRange(from, to);
        } catch (error) {
          return refuseDomain(reply, error);
        }
        return csvHeaders(reply, `orders-${from}-to-${to}.csv`).send(
          await exportOrdersCsv(deps.db, range),
        );
      },
    );
  });
}
