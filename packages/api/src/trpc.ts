/**
 * The tRPC backbone: what every procedure receives, how errors look on the wire, and
 * the base procedures. Routers live in `router/`, one per domain.
 */
import {
  createPasswordCheckLimiter,
  createSignUpLimiter,
  defaultPaymentProvider,
  KNOWN_DEVICE_SECONDS,
  KnownDevices,
  type LoginLimits,
  LoginRateLimiter,
  type PaymentProvider,
  type ProducerQueues,
  type RedisClient,
  resolveSession,
  type SessionCache,
  type SessionsToForget,
} from '@stockpulse/core';
import type { MediaStore } from '@stockpulse/core/media';
import type { Database } from '@stockpulse/db';
import { DEFAULT_RETURN_WINDOW_DAYS } from '@stockpulse/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import { DomainError, toTRPCError } from './errors';

/**
 * 1. CONTEXT
 *
 * Built once per request by the adapter (apps/server) or per caller (tests, see
 * `testing/browser.ts`). The session comes from the request's `sp_session` cookie: one
 * indexed read (or none, when the server's session cache found it recently), null when
 * signed out, expired or revoked. Procedures read it through
 * `protectedProcedure` and its kin, nowhere else.
 */

/** The slice of a pino logger procedures use; Fastify's `request.log` is one. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The live layer (apps/server's Socket.IO), as the API sees it. */
export interface LiveHooks {
  /** Disconnects every socket opened with this session, on every server process. */
  disconnectSession(tokenHash: string): void;
}

/** apps/server's cache of sessions found recently, and how every server process forgets one. */
export interface SessionHooks {
  cache: SessionCache;
  /** Here at once, and on every other server process over Redis; never rejects. */
  forget(which: SessionsToForget): Promise<void>;
}

/** How the transport stores the session token; apps/server writes the `sp_session` cookie. */
export interface SessionCookies {
  set(token: string, expiresAt: Date): void;
  clear(): void;
  /** The known-device cookie (`sp_device`, see core's known-devices.ts). */
  setDevice?(token: string, maxAgeSeconds: number): void;
}

export interface ContextOptions {
  db: Database;
  /** For the sign-in rate limits; a fail-fast client (the limiter fails open without Redis). */
  redis: RedisClient;
  /** Starts every Redis key the API writes, e.g. `sp:`. */
  redisPrefix: string;
  requestId: string;
  /** Already bound to the request (Fastify's `request.log` carries `reqId`). */
  log: Log;
  /** The session cookie's value, if the request carried one. */
  sessionToken?: string | undefined;
  /** The known-device cookie's value, if the request carried one. */
  deviceToken?: string | undefined;
  /** The client's address (Fastify's `request.ip`, proxy-aware with `trustProxy`). */
  clientAddress?: string | undefined;
  userAgent?: string | undefined;
  /** Absent for callers without cookies: setting and clearing then do nothing. */
  cookies?: SessionCookies | undefined;
  loginLimits?: LoginLimits | undefined;
  /** Sign-ups per client address (env REGISTER_LIMIT: `max` per hour); default 10. */
  signUpLimit?: { max: number; windowSeconds: number } | undefined;
  /** BullMQ's queues, for the admin's queue views; absent where no queue is connected. */
  queues?: ProducerQueues | undefined;
  /** Absent where no live layer runs (tests, callers without sockets). */
  live?: LiveHooks | null | undefined;
  /** Absent where sessions are not cached (tests): every request reads the table. */
  sessions?: SessionHooks | undefined;
  /** The payment provider (DESIGN §12); default the simulated one with the dev secret. */
  payments?: PaymentProvider | undefined;
  /** Where uploaded photos' files live (apps/server's MEDIA_DIR or bucket); for deletes. */
  media?: MediaStore | undefined;
  /** Days after delivery a shopper may ask for a return (env RETURN_WINDOW_DAYS); default 30. */
  returnWindowDays?: number | undefined;
}

export async function createContext(options: ContextOptions) {
  const { db, log, cookies } = options;
  const resolved = await resolveSession(db, options.sessionToken, {
    cache: options.sessions?.cache,
  });
  // A session whose expiry slid forward gets its cookie again, with the new Max-Age.
  if (resolved?.refreshed && options.sessionToken) {
    cookies?.set(options.sessionToken, resolved.session.expiresAt);
  }
  const clientAddress = options.clientAddress ?? 'unknown';
  return {
    db,
    redis: options.redis,
    requestId: options.requestId,
    redisPrefix: options.redisPrefix,
    queues: options.queues ?? null,
    live: options.live ?? null,
    media: options.media ?? null,
    returnWindowDays: options.returnWindowDays ?? DEFAULT_RETURN_WINDOW_DAYS,
    payments: options.payments ?? defaultPaymentProvider(),
    log,
    session: resolved?.session ?? null,
    clientAddress,
    userAgent: options.userAgent,
    setSessionCookie: (token: string, expiresAt: Date) => cookies?.set(token, expiresAt),
    clearSessionCookie: () => cookies?.clear(),
    deviceToken: options.deviceToken,
    knownDevices: new KnownDevices(options.redis, options.redisPrefix),
    /** Marks this browser as a known device (sign-in and sign-up both call it). */
    setDeviceCookie: (token: string | null | undefined) => {
      if (token) cookies?.setDevice?.(token, KNOWN_DEVICE_SECONDS);
    },
    /**
     * After a session ended or what it carries changed (the user's name): no server may
     * answer it from its cache any more.
     */
    forgetSessions: async (which: SessionsToForget) => {
      await options.sessions?.forget(which);
    },
    loginLimiter: new LoginRateLimiter(options.redis, {
      prefix: options.redisPrefix,
      limits: options.loginLimits,
      onUnavailable: (err) =>
        log.warn({ err }, 'Redis unavailable: sign-in attempts are not being limited'),
    }),
    passwordCheckLimiter: createPasswordCheckLimiter(options.redis, {
      prefix: options.redisPrefix,
      onUnavailable: (err) =>
        log.warn({ err }, 'Redis unavailable: password checks are not being limited'),
    }),
    signUpLimiter: createSignUpLimiter(options.redis, {
      prefix: options.redisPrefix,
      limit: options.signUpLimit,
      onUnavailable: (err) =>
        log.warn({ err }, 'Redis unavailable: sign-ups are not being limited'),
    }),
  };
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

/**
 * Anyone, signed in or not. (A mutation that writes outbox rows wakes the relays itself,
 * after its commit: see core's `writeOutbox`.)
 */
export const publicProcedure = t.procedure.use(domainErrors);

/** Signed in (any role); `ctx.session` is non-null from here on. UNAUTHORIZED otherwise. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { session: ctx.session } });
});

/** Signed in as a customer (orders, account); an admin is FORBIDDEN: they have no profile. */
export const customerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== 'customer') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'For customers only' });
  }
  return next();
});

/** Signed in as an admin: UNAUTHORIZED when anonymous, FORBIDDEN for a customer. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'For admins only' });
  }
  return next();
});
