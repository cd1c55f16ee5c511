import { useQuery } from '@tanstack/react-query';
import { trpc } from './trpc';

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function Categories() {
  const categories = useQuery(trpc.catalog.categories.queryOptions());

  if (categories.isPending) {
    return (
      <p className="status" aria-busy="true">
        Loading categories…
      </p>
    );
  }
  if (categories.isError) {
    return (
      <div className="status status-error" role="alert">
        <p>We couldn’t load the catalog right now.</p>
        <button type="button" onClick={() => categories.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (categories.data.length === 0) {
    return <p className="status">No products yet. Check back soon.</p>;
  }
  return (
    <ul className="category-grid">
      {categories.data.map(({ category, productCount }) => (
        <li key={category} className="category-card">
          <span className="category-name">{category}</span>
          <span className="category-count">{plural(productCount, 'product')}</span>
        </li>
      ))}
    </ul>
  );
}
