import { createApi, createApiQueryClient } from '@stockpulse/live';

// The page's one QueryClient and tRPC client (packages/live): refetched on window focus,
// a refusal never retried.
export const queryClient = createApiQueryClient();

export const trpc = createApi({ queryClient });
