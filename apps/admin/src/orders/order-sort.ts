import type { SortingState } from '@tanstack/react-table';
import type { OrderSort } from '../lib/api-types';

/** The table's sortable columns and the API sorts they stand for. */
export const SORTABLE = {
  createdAt: ['oldest', 'newest'],
  totalCents: ['total_asc', 'total_desc'],
} as const;

/** React Table's sorting state → the API's one sort (newest first when none is chosen). */
export function sortFromTable(sorting: SortingState): OrderSort {
  const [first] = sorting;
  if (!first) return 'newest';
  const pair = SORTABLE[first.id as keyof typeof SORTABLE];
  if (!pair) return 'newest';
  return first.desc ? pair[1] : pair[0];
}

/** The API sort → React Table's state, so the header arrows show what the list is. */
export function tableFromSort(sort: OrderSort): SortingState {
  for (const [id, [asc, desc]] of Object.entries(SORTABLE)) {
    if (sort === asc) return [{ id, desc: false }];
    if (sort === desc) return [{ id, desc: true }];
  }
  return [{ id: 'createdAt', desc: true }];
}

const SORTS: readonly OrderSort[] = ['newest', 'oldest', 'total_desc', 'total_asc'];
export const isOrderSort = (text: string | null): text is OrderSort =>
  SORTS.includes(text as OrderSort);
