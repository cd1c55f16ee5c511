import { apiError, createApi, createApiQueryClient } from '@stockpulse/live';
import { fetchNotingServerTime } from './lib/server-clock';

// The page's one QueryClient and tRPC client (packages/live). Live events patch or
// invalidate what they touch; the rest may be a little old, and is not refetched on focus.
export const queryClient = createApiQueryClient({
  onQueryError: signOutWhenSessionEnds,
  refetchOnWindowFocus: false,
});

// Each answer's Date header keeps the console's clock on the server's (server-clock.ts).
export const trpc = createApi({ queryClient, fetch: fetchNotingServerTime });

/**
 * A session that expired or was revoked elsewhere: any query answered UNAUTHORIZED puts
 * the console back on its sign-in screen instead of leaving every panel in error.
 */
function signOutWhenSessionEnds(error: unknown) {
  if (apiError(error).code !== 'UNAUTHORIZED') return;
  const me = trpc.auth.me.queryKey();
  if (queryClient.getQueryData(me)) queryClient.setQueryData(me, null);
}
