import { connect, type DatabaseHandle } from '@stockpulse/db';
import { type inferRouterError, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Redis } from 'ioredis';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import { z } from 'zod';
import '@stockpulse/devstack';
import { DomainError, type ErrorCause } from './errors';
import type { AppRouter } from './root';
import { createContext, type FieldErrors, publicProcedure, reportError, router } from './trpc';

// Procedures that fail in each way a real one can, served over HTTP in-process so the
// assertions read the very JSON a browser gets.
const testRouter = router({
  echo: publicProcedure
    .input(z.object({ email: z.email(), quantity: z.number().int().positive() }))
    .query(({ input }) => input),
  outOfStock: publicProcedure.query(() => {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'Not enough stock',
      cause: new DomainError('OUT_OF_STOCK', 'Not enough stock', {
        items: [{ productId: 7, requested: 3, available: 1 }],
      }),
    });
  }),
  illegal: publicProcedure.query(() => {
    throw new DomainError('ILLEGAL_TRANSITION', 'A delivered order cannot be cancelled', {
      from: 'delivered',
      to: 'cancelled',
    });
  }),
  boom: publicProcedure.query(() => {
    throw new Error('connect ECONNREFUSED mysql://root:hunter2@10.0.0.5');
  }),
});

describe('the error formatter', () => {
  let handle: DatabaseHandle;
  let redis: Redis;
  const logged: object[] = [];
  const log = { info() {}, warn() {}, error: (obj: object) => void logged.push(obj) };

  beforeAll(() => {
    handle = connect(inject('databaseUrl'));
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  });
  afterAll(async () => {
    redis.disconnect();
    await handle.close();
  });

  async function call(path: string, input?: unknown) {
    const query =
      input === undefined
        ? ''
        : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req: new Request(`http://localhost/trpc/${path}${query}`),
      router: testRouter,
      createContext: () =>
        createContext({
          db: handle.db,
          redis,
          redisPrefix: `${inject('redisPrefix')}:`,
          requestId: 'req-42',
          log,
        }),
      onError: ({ error, path }) => reportError({ error, path, requestId: 'req-42', log }),
    });
    const body = (await response.json()) as { error: Parameters<typeof superjson.deserialize>[0] };
    const error = superjson.deserialize(body.error) as {
      message: string;
      data: Record<string, unknown>;
    };
    return { status: response.status, error };
  }

  it('answers a zod failure with BAD_REQUEST and the field errors', async () => {
    const { status, error } = await call('echo', { email: 'not-an-email', quantity: 0 });
    expect(status).toBe(400);
    expect(error.data).toMatchObject({ code: 'BAD_REQUEST', cause: null, details: null });
    const { fieldErrors } = error.data.zodError as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(fieldErrors).sort()).toEqual(['email', 'quantity']);
    expect(fieldErrors.email?.[0]).toMatch(/email/i);
  });

  it('carries the cause and details of a DomainError given as a TRPCError cause', async () => {
    const { status, error } = await call('outOfStock');
    expect(status).toBe(409);
    expect(error.message).toBe('Not enough stock');
    expect(error.data).toMatchObject({
      code: 'CONFLICT',
      cause: 'OUT_OF_STOCK',
      details: { items: [{ productId: 7, requested: 3, available: 1 }] },
      zodError: null,
    });
  });

  it('answers a DomainError thrown bare with the code of its cause, not a 500', async () => {
    const { status, error } = await call('illegal');
    expect(status).toBe(409);
    expect(error.data).toMatchObject({
      code: 'CONFLICT',
      cause: 'ILLEGAL_TRANSITION',
      details: { from: 'delivered', to: 'cancelled' },
    });
    expect(logged).toEqual([]);
  });

  it('answers an unexpected error without internals and logs it with the request id', async () => {
    const { status, error } = await call('boom');
    expect(status).toBe(500);
    expect(error.message).toBe('Internal server error');
    expect(JSON.stringify(error)).not.toMatch(/hunter2|ECONNREFUSED/);
    expect(error.data.stack).toBeUndefined();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ requestId: 'req-42', path: 'boom' });
    expect(String((logged[0] as { err: Error }).err.message)).toMatch(/ECONNREFUSED/);
  });
});

describe('the error shape clients see', () => {
  it('is typed: cause, details and zodError reach the client through AppRouter', () => {
    type ErrorData = inferRouterError<AppRouter>['data'];
    expectTypeOf<ErrorData['cause']>().toEqualTypeOf<ErrorCause | null>();
    expectTypeOf<ErrorData['details']>().toEqualTypeOf<Record<string, unknown> | null>();
    expectTypeOf<ErrorData['zodError']>().toEqualTypeOf<FieldErrors | null>();
  });
});
