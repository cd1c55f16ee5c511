import type { LiveClient } from '@stockpulse/live';
import { LiveProvider } from '@stockpulse/live';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Shell } from '../layout/Shell';
import { startLive } from '../live';
import { trpc } from '../trpc';
import { ErrorState, Loading } from '../ui/states';
import { Refused } from './Refused';
import { SignIn } from './SignIn';

/** Who may see the console: nobody signed in gets the sign-in form, a customer a refusal. */
export function AuthGate() {
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  if (me.isPending) return <Loading label="Checking your session…" />;
  if (me.isError) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  if (!me.data) return <SignIn />;
  if (me.data.role !== 'admin') return <Refused email={me.data.email} />;
  return <AdminConsole user={me.data} />;
}

function AdminConsole({ user }: { user: { email: string; name: string } }) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveClient | null>(null);
  useEffect(() => {
    const client = startLive(queryClient);
    setLive(client);
    return () => client.close();
  }, [queryClient]);
  if (!live) return <Loading label="Connecting…" />;
  return (
    <LiveProvider client={live}>
      <Shell user={user} />
    </LiveProvider>
  );
}
