/** A grey shimmering block standing in for content that is loading. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <div className={`skeleton ${className}`} aria-hidden="true" />;
}

/** A page-sized placeholder: what lazy routes and detail pages show while loading. */
export function PageSkeleton({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="page-skeleton" aria-busy="true" role="status" aria-label={label}>
      <Skeleton className="skeleton-title" />
      <Skeleton className="skeleton-line" />
      <Skeleton className="skeleton-line short" />
      <Skeleton className="skeleton-block" />
    </div>
  );
}
