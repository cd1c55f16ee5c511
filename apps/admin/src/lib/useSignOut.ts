import { useMutation, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../trpc';

/**
 * Ends the session, then forgets everything this page loaded as that person. `auth.me`
 * becomes null first, so the gate swaps the console for the sign-in form; the rest of
 * the cache goes once the console's queries have unmounted (removing a query that still
 * has an observer would leave that observer holding the old data).
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        const me = trpc.auth.me.queryKey();
        queryClient.setQueryData(me, null);
        setTimeout(() => {
          const kept = JSON.stringify(me);
          queryClient.removeQueries({
            predicate: (query) => JSON.stringify(query.queryKey) !== kept,
          });
        }, 0);
      },
    }),
  );
}
