/** Card-shaped placeholders while the first page loads. */
export function ProductGridSkeleton({ count }: { count: number }) {
  return (
    <ul className="product-grid" aria-busy="true" aria-label="Loading products">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <li key={index} className="product-card skeleton-card" aria-hidden="true">
          <div className="skeleton skeleton-image" />
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line short" />
        </li>
      ))}
    </ul>
  );
}
