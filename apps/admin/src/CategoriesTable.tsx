import { useQuery } from '@tanstack/react-query';
import { trpc } from './trpc';

export function CategoriesTable() {
  const categories = useQuery(trpc.catalog.categories.queryOptions());

  if (categories.isPending) {
    return (
      <p className="status" aria-busy="true">
        Loading…
      </p>
    );
  }
  if (categories.isError) {
    return (
      <div className="status status-error" role="alert">
        <p>Could not load categories: {categories.error.message}</p>
        <button type="button" onClick={() => categories.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (categories.data.length === 0) {
    return <p className="status">No active products yet.</p>;
  }
  const total = categories.data.reduce((sum, c) => sum + c.productCount, 0);
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Active products
          </th>
        </tr>
      </thead>
      <tbody>
        {categories.data.map(({ category, productCount }) => (
          <tr key={category}>
            <td>{category}</td>
            <td className="num">{productCount}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{categories.data.length} categories</th>
          <td className="num">{total}</td>
        </tr>
      </tfoot>
    </table>
  );
}
