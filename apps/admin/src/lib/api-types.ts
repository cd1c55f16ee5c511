import type { AppRouter } from '@stockpulse/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** What each procedure answers and takes, as the browser sees it (types only). */
export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;

export type AdminOrderRow = Outputs['admin']['orders']['list']['items'][number];
export type AdminOrder = Outputs['admin']['orders']['byId'];
export type StockRow = Outputs['admin']['inventory']['list']['items'][number];
export type SalesSummary = Outputs['admin']['sales']['summary'];
export type OrderSort = NonNullable<
  Extract<Inputs['admin']['orders']['list'], { sort?: unknown }>['sort']
>;
export type CustomerRow = Outputs['admin']['customers']['list']['items'][number];
export type ProductRow = Outputs['admin']['products']['list']['items'][number];
export type LedgerRow = Outputs['admin']['inventory']['ledger']['items'][number];
