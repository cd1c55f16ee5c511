import { allocations, stockRowProducts } from './allocations';
import { productCategories } from './categories';
import { incoming } from './incoming';
import { stockLedger } from './ledger';
import { orderTotals } from './order-totals';
import { outboxDelivery } from './outbox';
import { paymentAmounts, paymentStatuses } from './payments';
import { reservations } from './reservations';
import { returnedIsReceived, returnedWithinShipped, returnLedger } from './returns';
import { salesRollups } from './rollups';
import { lineFulfilment, shipmentTotals } from './shipments';
import { statusHistory } from './status-history';
import { stockBounds } from './stock-bounds';
import type { Invariant } from './types';

/** Every invariant the check runs, by number (DESIGN §4, §10, §11, §12). A new one is one more line. */
export const INVARIANTS: readonly Invariant[] = [
  stockBounds,
  stockLedger,
  reservations,
  incoming,
  orderTotals,
  statusHistory,
  outboxDelivery,
  salesRollups,
  allocations,
  stockRowProducts,
  productCategories,
  paymentAmounts,
  paymentStatuses,
  lineFulfilment,
  shipmentTotals,
  returnedWithinShipped,
  returnedIsReceived,
  returnLedger,
];
