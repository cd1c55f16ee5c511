import type { RouterOutputs } from '@stockpulse/live';
import { useMutation, useQuery } from '@tanstack/react-query';
import { reconnectLive } from '../live';
import { queryClient, trpc } from '../trpc';

export type SessionUser = NonNullable<RouterOutputs['auth']['me']>;

/** Who is signed in (`auth.me`): `user` is null when nobody is, undefined while loading. */
export function useSession() {
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  return { user: me.data, isPending: me.isPending };
}

/**
 * After a sign-in, sign-up or sign-out: the new `me`, a clean slate for everything that
 * belonged to the previous person, and a socket that joins the right customer room.
 */
export function adoptSession(user: SessionUser | null) {
  queryClient.setQueryData(trpc.auth.me.queryKey(), user);
  queryClient.removeQueries(trpc.orders.pathFilter());
  queryClient.removeQueries(trpc.account.pathFilter());
  reconnectLive();
}

export function useSignOut() {
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => adoptSession(null),
    }),
  );
}
