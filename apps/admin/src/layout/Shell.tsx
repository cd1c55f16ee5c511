import { LogOut } from 'lucide-react';
import { NavLink, Outlet, useNavigation } from 'react-router';
import { useSignOut } from '../auth/useSignOut';
import { LiveBadge } from './LiveBadge';
import { NAV } from './nav';

export function Shell({ user }: { user: { email: string; name: string } }) {
  const navigation = useNavigation();
  const signOut = useSignOut();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          Stockpulse <span className="brand-tag">Admin</span>
        </div>
        <nav aria-label="Console">
          <ul>
            {NAV.map(({ to, label, icon: Icon }) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} className="nav-link">
                  <Icon size={18} aria-hidden="true" />
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          <LiveBadge />
          <div className="who">
            <span className="who-name">{user.name}</span>
            <span className="who-email">{user.email}</span>
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-on-dark"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            <LogOut size={16} aria-hidden="true" /> Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        {navigation.state === 'loading' && <div className="route-progress" aria-hidden="true" />}
        <Outlet />
      </main>
    </div>
  );
}
