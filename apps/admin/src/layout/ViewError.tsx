import { RefreshCw } from 'lucide-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/**
 * How browsers word a lazy chunk that did not arrive: a deploy replaced it, or the network
 * dropped (Chromium, Firefox, Safari).
 */
const CHUNK_FAILURE =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed/i;

export const isChunkLoadError = (error: unknown) =>
  error instanceof Error && CHUNK_FAILURE.test(error.message);

/** What a route's error says of itself: an HTTP status, an exception's message. */
export function routeErrorDetail(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * A view that failed inside the shell: the navigation stays, and the page says what
 * happened in words. A chunk that did not load is retried by a reload (the router keeps a
 * failed lazy import, and after a deploy only a fresh page knows the new chunk names).
 */
export function ViewError() {
  const error = useRouteError();
  const chunk = isChunkLoadError(error);
  return (
    <section className="card view-error" role="alert" aria-labelledby="view-error-title">
      <h1 id="view-error-title">
        {chunk ? 'This view could not be loaded' : 'This view could not be shown'}
      </h1>
      <p>
        {chunk
          ? 'The console may have been updated, or the connection dropped for a moment. Reload to fetch the latest version; nothing saved is lost.'
          : routeErrorDetail(error)}
      </p>
      <div className="view-error-actions">
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          <RefreshCw size={15} aria-hidden="true" /> Reload
        </button>
        <Link to="/">Back to the overview</Link>
      </div>
    </section>
  );
}
