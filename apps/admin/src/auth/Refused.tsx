import { ShieldAlert } from 'lucide-react';
import { useSignOut } from '../lib/useSignOut';

/** A signed-in customer: told plainly, offered a way out, and shown nothing else. */
export function Refused({ email }: { email: string }) {
  const signOut = useSignOut();
  return (
    <main className="auth-screen">
      <section className="auth-card" aria-labelledby="refused-title">
        <ShieldAlert size={32} className="refused-icon" aria-hidden="true" />
        <h1 id="refused-title">This console is for Stockpulse staff</h1>
        <p role="alert">
          You are signed in as <strong>{email}</strong>, a customer account. Customer accounts
          cannot open the admin console.
        </p>
        <div className="row">
          <a className="btn" href="/">
            Go to the shop
          </a>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            Sign in as someone else
          </button>
        </div>
      </section>
    </main>
  );
}
