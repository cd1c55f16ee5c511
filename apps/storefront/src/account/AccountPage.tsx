import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RequireSignIn } from '../session/RequireSignIn';
import { trpc } from '../trpc';
import { ErrorState } from '../ui/ErrorState';
import { PageSkeleton } from '../ui/Skeleton';
import { AddressForm } from './AddressForm';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import './account.css';

export function AccountPage() {
  return (
    <RequireSignIn>
      <Account />
    </RequireSignIn>
  );
}

function Account() {
  const profile = useQuery(trpc.account.get.queryOptions());
  useEffect(() => {
    document.title = 'Your account · Stockpulse';
  }, []);
  if (profile.isPending) return <PageSkeleton label="Loading your account" />;
  if (profile.isError) {
    return (
      <ErrorState
        title="We couldn’t load your account"
        level={1}
        error={profile.error}
        onRetry={() => profile.refetch()}
      />
    );
  }
  return (
    <div className="account-page">
      <h1>Your account</h1>
      <div className="account-grid">
        <ProfileForm profile={profile.data} />
        <AddressForm profile={profile.data} />
        <PasswordForm />
      </div>
    </div>
  );
}
