/**
 * The tRPC backbone: what every procedure receives, how errors look on the wire, and
 * the base procedures. Routers live in `router/`, one per domain.
 */
import type { Database } from '@stockpulse/db';
import { initTRPC, type TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import { DomainError, toTRPCError } from './errors';

/**
 * 1. CONTEXT
 *
 * Built once per request by the adapter (apps/server) or per caller (tests). The auth
 * issue adds the signed-in user here: resolve the session from the request's cookie in
 * `createContext` and return it as `session` (null when signed out); procedures read it
 * through `protectedProcedure`, nowhere else.
 */

/** The slice of a pino logger procedures use; Fastify's `request.log` is one. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ContextOptions {
  db: Database;
  requestId: string;
  /** Already bound to the request (Fastify's `request.log` carries `reqId`). */
  log: Log;
}

export async function createContext(options: ContextOptions) {
  return { db: options.db, requestId: options.requestId, log: options.log };
}
export type Context = Awaited<ReturnType<typeof createContext>>;

/** `z.flattenError` of a failed input: messages by top-level field, and the rest. */
export interface FieldErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

/**
 * 2. INITIALISATION
 *
 * superjson carries Dates and Maps across the wire. The error formatter adds to
 * `error.data` what clients act on: `cause` and `details` of a DomainError, and the zod
 * field errors of a BAD_REQUEST. Unexpected errors leave without their message or stack.
 * https://trpc.io/docs/server/error-formatting
 */
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const domain = error.cause instanceof DomainError ? error.cause : null;
    const zodError: FieldErrors | null =
      error.code === 'BAD_REQUEST' && error.cause instanceof ZodError
        ? z.flattenError(error.cause)
        : null;
    const { stack, ...data } = shape.data;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? 'Internal server error' : shape.message,
      data: {
        ...data,
        ...(stack && !internal ? { stack } : {}),
        cause: domain?.code ?? null,
        details: domain?.details ?? null,
        zodError,
      },
    };
  },
});

/** For the adapter's `onError`: an unexpected error is logged with its request id. */
export function reportError(options: {
  error: TRPCError;
  path: string | undefined;
  requestId: string;
  log: Log;
}): void {
  const { error, path, requestId, log } = options;
  if (error.code !== 'INTERNAL_SERVER_ERROR') return;
  log.error({ err: error.cause ?? error, requestId, path }, 'tRPC procedure failed');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * 3. PROCEDURES
 *
 * Every procedure starts from one of these. A DomainError thrown bare by core (which
 * knows nothing of tRPC) becomes the TRPCError its cause maps to instead of a 500.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const { cause } = result.error;
    if (cause instanceof DomainError) throw toTRPCError(cause);
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(domainErrors);
