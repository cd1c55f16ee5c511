import {
  actorOf,
  adjustStock,
  checkInventory,
  decodeLedgerCursor,
  decodeStockCursor,
  getStock,
  listLedger,
  listStock,
  MAX_REORDER_POINT,
  MAX_REORDER_QUANTITY,
  MAX_RESTOCK_QUANTITY,
  moveBetweenStates,
  productStock,
  requestRestock,
  resolveStockKey,
  setStockPolicy,
} from '@stockpulse/core';
import { DomainError, STOCK_STATES } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZSearch, ZText, ZWhole } from './inputs';

/** The largest single adjustment either way. */
export const MAX_ADJUST_DELTA = 1_000_000;

/**
 * A stock row (DESIGN §11): a variant at a location, or a simple product (its one
 * variant) by `productId`; at the default location unless `locationId` says.
 */
const ZStockRef = {
  variantId: ZId.optional(),
  productId: ZId.optional(),
  locationId: ZId.optional(),
};
const oneOf = {
  check: (ref: { variantId?: number | undefined; productId?: number | undefined }) =>
    (ref.variantId === undefined) !== (ref.productId === undefined),
  message: 'Name the stock row by variantId (or by productId for a product with one variant)',
};

export const ZInventoryListInput = z
  .strictObject({
    lowStockOnly: z.boolean().default(false),
    /** Only this location's rows. */
    locationId: ZId.optional(),
    /** Part of the name, or the start of the SKU. */
    search: ZSearch,
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ lowStockOnly: false, limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, (text) => decodeStockCursor(text, input.lowStockOnly), ctx),
  }));

export const ZInventoryAdjustInput = z
  .strictObject({
    ...ZStockRef,
    delta: ZWhole('Change', -MAX_ADJUST_DELTA, MAX_ADJUST_DELTA).refine((delta) => delta !== 0, {
      error: 'Change must not be 0: enter how many units to add (or, negative, to remove)',
    }),
    /** Kept on the ledger row, e.g. "stocktake: 3 broken". */
    reason: ZText(200, 'Reason'),
  })
  .refine(oneOf.check, oneOf.message);

export const ZInventoryMoveInput = z
  .strictObject({
    ...ZStockRef,
    quantity: ZWhole('Quantity', 1, MAX_ADJUST_DELTA),
    from: z.enum(STOCK_STATES),
    to: z.enum(STOCK_STATES),
    reason: ZText(200, 'Reason'),
  })
  .refine(oneOf.check, oneOf.message)
  .refine((input) => input.from !== input.to, 'Move stock between two different states');

export const ZInventorySetPolicyInput = z
  .strictObject({
    ...ZStockRef,
    reorderPoint: ZWhole('Reorder point', 0, MAX_REORDER_POINT),
    reorderQuantity: ZWhole('Reorder quantity', 1, MAX_REORDER_QUANTITY),
  })
  .refine(oneOf.check, oneOf.message);

export const ZInventoryRestockInput = z
  .strictObject({
    ...ZStockRef,
    quantity: ZWhole('Quantity', 1, MAX_RESTOCK_QUANTITY),
  })
  .refine(oneOf.check, oneOf.message);

export const ZInventoryRowInput = z.strictObject(ZStockRef).refine(oneOf.check, oneOf.message);

export const ZInventoryLedgerInput = z
  .strictObject({ ...ZStockRef, cursor: ZCursorText, limit: ZLimit(50) })
  .refine(oneOf.check, oneOf.message)
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeLedgerCursor, ctx),
  }));

/** `recent` (the default, for the admin's button) or `full` (every row). */
export const ZInventoryCheckInput = z
  .strictObject({ mode: z.enum(['recent', 'full']).default('recent') })
  .default({ mode: 'recent' });

/** The stock row `ref` names, which must exist (NOT_FOUND otherwise). */
async function requireRow(
  db: Parameters<typeof getStock>[0],
  ref: Parameters<typeof resolveStockKey>[1],
) {
  const key = await resolveStockKey(db, ref);
  const row = await getStock(db, key);
  if (!row) {
    throw new DomainError(
      'NOT_FOUND',
      `Variant ${key.variantId} has no stock row at location ${key.locationId}`,
    );
  }
  return row;
}

export const adminInventoryRouter = {
  /**
   * Stock, a row per (variant, location); `locationId` keeps one location's,
   * `lowStockOnly` those at or below their reorder point.
   */
  list: adminProcedure
    .input(ZInventoryListInput)
    .query(({ ctx, input }) => listStock(ctx.db, input)),

  /**
   * on_hand += delta with a reason; never below reserved and unavailable
   * (STOCK_BELOW_RESERVED), never past MAX_STOCK_POSITION with what is on order (STOCK_LIMIT).
   */
  adjust: adminProcedure
    .input(ZInventoryAdjustInput)
    .mutation(({ ctx, input }) => adjustStock(ctx.db, { ...input, adminId: ctx.session.userId })),

  /**
   * Moves units between available and damaged, quality control or safety stock (or
   * between those) with a reason; STOCK_UNAVAILABLE when the source has too few.
   */
  move: adminProcedure
    .input(ZInventoryMoveInput)
    .mutation(({ ctx, input }) =>
      moveBetweenStates(ctx.db, { ...input, adminId: ctx.session.userId }),
    ),

  /** The reorder point and quantity the restock scheduler works from, per row. */
  setPolicy: adminProcedure
    .input(ZInventorySetPolicyInput)
    .mutation(({ ctx, input }) => setStockPolicy(ctx.db, input)),

  /**
   * Orders stock for a row from the supplier by hand (incoming += quantity; received
   * later); never past MAX_STOCK_POSITION on hand and on order together (STOCK_LIMIT).
   */
  restock: adminProcedure
    .input(ZInventoryRestockInput)
    .mutation(({ ctx, input }) =>
      requestRestock(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),

  /** One stock row, as `list` shows it. */
  byId: adminProcedure
    .input(ZInventoryRowInput)
    .query(({ ctx, input }) => requireRow(ctx.db, input)),

  /** Every row of a product: each variant at each location (the product stock page). */
  product: adminProcedure
    .input(z.strictObject({ productId: ZId }))
    .query(async ({ ctx, input }) => {
      const rows = await productStock(ctx.db, input.productId);
      if (rows.length === 0) {
        throw new DomainError('NOT_FOUND', `Product ${input.productId} not found`);
      }
      return rows;
    }),

  /** A stock row's movements, newest first. */
  ledger: adminProcedure.input(ZInventoryLedgerInput).query(async ({ ctx, input }) => {
    const row = await requireRow(ctx.db, input);
    return listLedger(ctx.db, { ...row, cursor: input.cursor, limit: input.limit });
  }),

  /**
   * The invariants of DESIGN §4 and §11 against the live database: what changed in the
   * last hour (about a second on the reference shop), or every row with `mode: 'full'`.
   */
  check: adminProcedure
    .input(ZInventoryCheckInput)
    .query(({ ctx, input }) => checkInventory(ctx.db, input)),
} satisfies TRPCRouterRecord;
