import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A view that failed to load (e.g. a chunk gone after a deploy): say so, offer a way on. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Something went wrong.';
  return (
    <div className="state state-error" role="alert">
      <h1>This view could not be shown</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the overview</Link> or{' '}
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          reload
        </button>
      </p>
    </div>
  );
}
