import type { RouterInputs, RouterOutputs } from '@stockpulse/live';

/** The console's rows and answers by name, as the browser sees them (types only). */
export type AdminOrderRow = RouterOutputs['admin']['orders']['list']['items'][number];
export type AdminOrder = RouterOutputs['admin']['orders']['byId'];
export type StockRow = RouterOutputs['admin']['inventory']['list']['items'][number];
export type SalesSummary = RouterOutputs['admin']['sales']['summary'];
export type OrderSort = NonNullable<
  Extract<RouterInputs['admin']['orders']['list'], { sort?: unknown }>['sort']
>;
export type CustomerRow = RouterOutputs['admin']['customers']['list']['items'][number];
export type ProductRow = RouterOutputs['admin']['products']['list']['items'][number];
export type LedgerRow = RouterOutputs['admin']['inventory']['ledger']['items'][number];
export type FulfilmentQueue = RouterOutputs['admin']['fulfilment']['queue'];
export type FulfilmentOrder = FulfilmentQueue['items'][number];
export type ShipManyResult = RouterOutputs['admin']['fulfilment']['shipMany'][number];
export type StaffReturn = RouterOutputs['admin']['returns']['list']['items'][number];
