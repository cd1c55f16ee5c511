import type { AppRouter } from '@stockpulse/api';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, type TRPCLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import { apiError } from './api-error';

/** What each procedure takes and answers, as the browser sees it (types only). */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/**
 * The one retry rule of both fronts: a refusal (4xx: bad input, signed out, not allowed,
 * not found, a conflict) will not change on a retry; anything else (a 5xx, no answer at
 * all) is tried twice more.
 */
export function retryUnlessRefused(failures: number, error: unknown): boolean {
  const status = apiError(error).httpStatus;
  if (status !== null && status >= 400 && status < 500) return false;
  return failures < 2;
}

export interface ApiQueryClientOptions {
  /** Called for every query that failed for good (after its retries). */
  onQueryError?: (error: unknown) => void;
  /** Refetch stale queries when the window regains focus; TanStack's default, true. */
  refetchOnWindowFocus?: boolean;
}

/**
 * A front's one QueryClient. Live events patch or invalidate what they touch
 * (`createLiveClient({ queryClient })`); the rest may be 30 s old. Mutations are never
 * retried: a second try is the caller's decision (an order placement reuses its key).
 */
export function createApiQueryClient(options: ApiQueryClientOptions = {}): QueryClient {
  const { onQueryError, refetchOnWindowFocus = true } = options;
  return new QueryClient({
    ...(onQueryError ? { queryCache: new QueryCache({ onError: onQueryError }) } : {}),
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus, retry: retryUnlessRefused },
      mutations: { retry: false },
    },
  });
}

export interface ApiOptions {
  queryClient: QueryClient;
  /** The fetch the batches are sent with, e.g. one that reads each answer's headers. */
  fetch?: typeof fetch;
  /** Links instead of the HTTP batch link to the server: a test's fake API. */
  links?: TRPCLink<AppRouter>[];
}

/**
 * The typed tRPC options proxy of a client-rendered page: one tRPC client for the page's
 * lifetime, used without a React context provider, over one batch link to `/trpc` on
 * the page's origin (the server serves both fronts, and the dev servers proxy it).
 * https://trpc.io/docs/client/tanstack-react-query/setup
 */
export function createApi(options: ApiOptions) {
  const links = options.links ?? [
    // At most 10 calls a request: the server refuses batches past TRPC_MAX_BATCH (at least 10).
    httpBatchLink({
      url: '/trpc',
      transformer: superjson,
      maxItems: 10,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  ];
  return createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links }),
    queryClient: options.queryClient,
  });
}

export type Api = ReturnType<typeof createApi>;
