import { Link, useRouteError } from 'react-router';
import { routeErrorDetail } from './ViewError';

/** The console itself failed (outside the shell: views fail inside it, in ViewError). */
export function RouteError() {
  const message = routeErrorDetail(useRouteError());
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
