import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { trpc } from '../trpc';

export interface CatalogFilterValues {
  search: string;
  category: string;
  inStockOnly: boolean;
}

/** Search box, category and "in stock only": controlled; the page owns the URL. */
export function CatalogFilters({
  values,
  onChange,
}: {
  values: CatalogFilterValues;
  onChange: (next: Partial<CatalogFilterValues>) => void;
}) {
  const categories = useQuery(trpc.catalog.categories.queryOptions());
  return (
    <search className="catalog-filters" aria-label="Filter products">
      <label className="search-box">
        <span className="visually-hidden">Search products</span>
        <Search aria-hidden="true" size={18} />
        <input
          type="search"
          name="search"
          placeholder="Search products"
          value={values.search}
          maxLength={100}
          onChange={(event) => onChange({ search: event.target.value })}
        />
      </label>
      <label className="select-field">
        <span className="visually-hidden">Category</span>
        <select
          name="category"
          value={values.category}
          onChange={(event) => onChange({ category: event.target.value })}
        >
          <option value="">All categories</option>
          {/* Children under their parents, indented (a select pads no option); a parent's
              count and filter include its subcategories'. */}
          {categories.data?.map(({ id, category, depth, productCount }) => (
            <option key={id} value={category}>
              {'\u00a0\u00a0\u00a0'.repeat(depth)}
              {category} ({productCount})
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox-field">
        <input
          type="checkbox"
          name="inStockOnly"
          checked={values.inStockOnly}
          onChange={(event) => onChange({ inStockOnly: event.target.checked })}
        />
        In stock only
      </label>
    </search>
  );
}
