import { checkRollupsInSnapshot } from '../reports/check';
import type { Invariant } from './types';

/**
 * 8. The sales, product-sales and order-count rollups equal a recomputation from
 * `orders`, with the order events the relay has not folded yet added to them
 * (core/reports/check.ts). Recent mode recomputes the hours holding the orders placed or
 * changed in the window, and the days and months holding those hours.
 */
export const salesRollups: Invariant = {
  number: 8,
  name: 'the sales rollups equal the orders',
  heavy: true,
  full: (query) => checkRollupsInSnapshot(query, { mode: 'full' }),
  recent: (query, scope) =>
    checkRollupsInSnapshot(query, { mode: 'recent', orderIds: scope.orderIds }),
};
