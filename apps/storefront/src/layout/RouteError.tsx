import { AlertTriangle, SearchX } from 'lucide-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { EmptyState } from '../ui/EmptyState';

/** The error boundary of every route: a page that broke, or one that does not exist. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  // A lazy page that fails to load is usually a deploy that replaced its file.
  const staleChunk =
    error instanceof Error && /dynamically imported module|import/i.test(error.message);
  return (
    <EmptyState
      icon={<AlertTriangle aria-hidden="true" size={40} />}
      title="Something went wrong on this page"
      level={1}
    >
      <p>
        {staleChunk
          ? 'The shop was updated while you were browsing. Reload to get the latest version.'
          : 'Please try again. If it keeps happening, come back in a little while.'}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
        <Link to="/" className="button button-secondary">
          Back to the shop
        </Link>
      </div>
    </EmptyState>
  );
}

/** Outside the layout (the layout itself broke): the same page, in a page-sized frame. */
export function RootError() {
  return (
    <main className="container page">
      <RouteError />
    </main>
  );
}

export function NotFound() {
  return (
    <EmptyState
      icon={<SearchX aria-hidden="true" size={40} />}
      title="We couldn’t find that page"
      level={1}
    >
      <p>It may have moved, or the link may be wrong.</p>
      <Link to="/" className="button">
        Back to the shop
      </Link>
    </EmptyState>
  );
}
