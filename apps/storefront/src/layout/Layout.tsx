import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { LazyToaster } from '../ui/LazyToaster';
import { Header } from './Header';
import { LivePausedBanner } from './LivePaused';
import { LiveToasts } from './LiveToasts';

/**
 * After a navigation, focus moves to the page's content (not on first load), so a
 * keyboard or screen-reader user starts on the new page rather than on a stale link.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every new path
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}

export function Layout() {
  const navigation = useNavigation();
  useFocusOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <LivePausedBanner />
      {navigation.state === 'loading' && <div className="route-progress" aria-hidden="true" />}
      <main id="main" className="container page" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <span>© Stockpulse</span>
          <span>Counts update live as other shoppers buy.</span>
        </div>
      </footer>
      <LiveToasts />
      <LazyToaster />
      <ScrollRestoration />
    </>
  );
}
