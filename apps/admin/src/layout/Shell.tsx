import { LogOut, Menu, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { useSignOut } from '../lib/useSignOut';
import { LiveBadge } from './LiveBadge';
import { NAV } from './nav';

export function Shell({ user }: { user: { email: string; name: string } }) {
  const navigation = useNavigation();
  const signOut = useSignOut();
  // Below a laptop's width the sidebar folds into a bar with a menu button (shell.css).
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new view closes the menu
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className={menuOpen ? 'sidebar sidebar-open' : 'sidebar'}>
        <div className="sidebar-bar">
          <div className="brand">
            <span className="logo" aria-hidden="true" />
            Stockpulse <span className="brand-tag">Admin</span>
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-on-dark menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="console-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? <X size={18} aria-hidden="true" /> : <Menu size={18} aria-hidden="true" />}
            Menu
          </button>
        </div>
        <div className="sidebar-menu" id="console-menu">
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
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        {navigation.state === 'loading' && <div className="route-progress" aria-hidden="true" />}
        <Outlet />
      </main>
    </div>
  );
}
