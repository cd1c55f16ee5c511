import { AlertTriangle } from 'lucide-react';
import { plainMessage } from '../lib/errors';

/** A failed load, said plainly, with a way to try again. */
export function ErrorState({
  title,
  error,
  onRetry,
  level = 2,
}: {
  title: string;
  /** 1 when the error is the whole page. */
  level?: 1 | 2;
  error?: unknown;
  onRetry?: () => void;
}) {
  return (
    <div className="empty-state error-state" role="alert">
      <div className="empty-state-icon">
        <AlertTriangle aria-hidden="true" size={40} />
      </div>
      {level === 1 ? <h1>{title}</h1> : <h2>{title}</h2>}
      <p>{plainMessage(error)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
