import type { AppRouter } from '@stockpulse/api';
import { createApi } from '@stockpulse/live';
import { QueryClient } from '@tanstack/react-query';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';

/**
 * A stand-in for `src/trpc.ts` in component tests: the real options proxy (`createApi`
 * of packages/live) over a link that answers from `handlers` (by procedure path) and
 * records every call, so a test sees exactly what the page sent. Its query client
 * neither retries nor goes stale.
 */
export type Handler = (input: unknown) => unknown | Promise<unknown>;

export interface Call {
  path: string;
  input: unknown;
}

export class ApiRefusal extends Error {
  constructor(
    message: string,
    readonly data: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function createFakeApi() {
  const handlers = new Map<string, Handler>();
  const calls: Call[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers.get(op.path);
        Promise.resolve()
          .then(() => {
            if (!handler) throw new Error(`no fake for ${op.path}`);
            return handler(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (error: unknown) => {
              const data =
                error instanceof ApiRefusal ? error.data : { code: 'INTERNAL_SERVER_ERROR' };
              const message = (error as Error).message;
              // The real server's error shape (its errorFormatter), as the client receives it.
              const shape = { message, code: -32603, data } as never;
              observer.error(new TRPCClientError(message, { result: { error: shape } }));
            },
          );
      });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const trpc = createApi({ queryClient, links: [link] });
  return { trpc, queryClient, handlers, calls };
}
