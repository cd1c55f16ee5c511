import type { AppRouter } from '@stockpulse/api';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import { fetchNotingServerTime } from './lib/server-clock';

// A client-rendered SPA: one QueryClient and one tRPC client for the page's lifetime,
// used without a React context provider.
// https://trpc.io/docs/client/tanstack-react-query/setup
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutWhenSessionEnds }),
  defaultOptions: {
    // Live events patch or invalidate what they touch; the rest may be a little old.
    queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: retryUnlessRefused },
  },
});

/**
 * A session that expired or was revoked elsewhere: any query answered UNAUTHORIZED puts
 * the console back on its sign-in screen instead of leaving every panel in error.
 */
function signOutWhenSessionEnds(error: unknown) {
  const code = (error as { data?: { code?: string } })?.data?.code;
  if (code !== 'UNAUTHORIZED') return;
  const me = trpc.auth.me.queryKey();
  if (queryClient.getQueryData(me)) queryClient.setQueryData(me, null);
}

/** A refusal (signed out, not an admin, bad input, not found) will not change on retry. */
function retryUnlessRefused(failures: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } })?.data?.httpStatus;
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failures < 2;
}

const trpcClient = createTRPCClient<AppRouter>({
  links: [
    // At most 10 calls a request: the server refuses batches past TRPC_MAX_BATCH (at least 10).
    // Each answer's Date header keeps the console's clock on the server's (server-clock.ts).
    httpBatchLink({
      url: '/trpc',
      transformer: superjson,
      maxItems: 10,
      fetch: fetchNotingServerTime,
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
