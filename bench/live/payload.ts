import type { InventoryChanged } from '@stockpulse/shared';

/** The one product every benchmark socket watches. */
export const BENCH_PRODUCT = 1;

/** The `inventory:changed` of the benchmark; `version` identifies the change. */
export const stockChange = (version: number): InventoryChanged => ({
  productId: BENCH_PRODUCT,
  variantId: BENCH_PRODUCT,
  available: 1_000 - (version % 1_000),
  productAvailable: 1_000 - (version % 1_000),
  unavailable: 0,
  onHand: 1_000,
  reserved: version % 1_000,
  incoming: 0,
  version,
});
