import type { AppRouter } from '@stockpulse/api';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, isTRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import superjson from 'superjson';

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** A 4xx answer will not change on a retry (bad input, signed out, not found, conflict). */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isTRPCClientError(error)) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500;
    if (status < 500) return false;
  }
  return failureCount < 2;
}

// A client-rendered SPA: one QueryClient and one tRPC client for the page's lifetime,
// used without a React context provider.
// https://trpc.io/docs/client/tanstack-react-query/setup
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry },
    mutations: { retry: false },
  },
});

const trpcClient = createTRPCClient<AppRouter>({
  links: [
    // At most 10 calls a request: the server refuses batches past TRPC_MAX_BATCH (at least 10).
    httpBatchLink({ url: '/trpc', transformer: superjson, maxItems: 10 }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
