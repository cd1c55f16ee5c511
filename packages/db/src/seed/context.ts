import type { MovementReason, MovementReference } from '@stockpulse/shared';
import { DEFAULT_LOCATION_ID } from '@stockpulse/shared';
import type { BulkWriter } from './bulk';
import { type Catalog, productId } from './catalog';
import type { Customer } from './customers';
import type { SeedProgress } from './progress';
import type { RollupTally } from './rollups';
import { SEED_TABLES } from './tables';
import type { HistoryTally } from './tally';
import { sqlTime } from './time';

/** What the writing phases share: the plan, the writer and the next ids. */
export interface SeedContext {
  seed: number;
  /** Start of the order history (epoch ms). */
  start: number;
  now: number;
  writer: BulkWriter;
  progress: SeedProgress;
  catalog: Catalog;
  customers: Customer[];
  tally: HistoryTally;
  /** The sales and count rollups, tallied as the orders are written. */
  rollups: RollupTally;
  /** Last id used per table whose ids the seed assigns as it goes. */
  ids: { movement: number; restock: number; detail: number; event: number };
}

export interface Movement {
  /** The product's own (default) variant and location unless given. */
  variantId?: number;
  locationId?: number;
  onHand?: number;
  reserved?: number;
  incoming?: number;
  reason: MovementReason;
  refType: MovementReference;
  refId: number | null;
  actor: string;
  note?: string | null;
  at: number;
}

/** Appends one ledger row for product `index`. */
export function addMovement(ctx: SeedContext, index: number, m: Movement): void {
  ctx.ids.movement += 1;
  ctx.writer.add(SEED_TABLES.stockMovements, [
    ctx.ids.movement,
    // Every history product is a simple one: its one variant has the product's id, at the
    // default location (as migration 0010 carries an existing shop forward).
    m.variantId ?? productId(index),
    m.locationId ?? DEFAULT_LOCATION_ID,
    m.onHand ?? 0,
    m.reserved ?? 0,
    m.incoming ?? 0,
    m.reason,
    m.refType,
    m.refId,
    m.actor,
    m.note ?? null,
    sqlTime(m.at),
  ]);
}
