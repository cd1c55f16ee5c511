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
  requestRestock,
  setStockPolicy,
} from '@stockpulse/core';
import { DomainError } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZSearch, ZText, ZWhole } from './inputs';

/** The largest single adjustment either way. */
export const MAX_ADJUST_DELTA = 1_000_000;

export const ZInventoryListInput = z
  .strictObject({
    lowStockOnly: z.boolean().default(false),
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

export const ZInventoryAdjustInput = z.strictObject({
  productId: ZId,
  delta: ZWhole('Change', -MAX_ADJUST_DELTA, MAX_ADJUST_DELTA).refine((delta) => delta !== 0, {
    error: 'Change must not be 0: enter how many units to add (or, negative, to remove)',
  }),
  /** Kept on the ledger row, e.g. "stocktake: 3 broken". */
  reason: ZText(200, 'Reason'),
});

export const ZInventorySetPolicyInput = z.strictObject({
  productId: ZId,
  reorderPoint: ZWhole('Reorder point', 0, MAX_REORDER_POINT),
  reorderQuantity: ZWhole('Reorder quantity', 1, MAX_REORDER_QUANTITY),
});

export const ZInventoryRestockInput = z.strictObject({
  productId: ZId,
  quantity: ZWhole('Quantity', 1, MAX_RESTOCK_QUANTITY),
});

export const ZInventoryLedgerInput = z
  .strictObject({ productId: ZId, cursor: ZCursorText, limit: ZLimit(50) })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeLedgerCursor, ctx),
  }));

/** `recent` (the default, for the admin's button) or `full` (every row). */
export const ZInventoryCheckInput = z
  .strictObject({ mode: z.enum(['recent', 'full']).default('recent') })
  .default({ mode: 'recent' });

export const adminInventoryRouter = {
  /** Stock of every product; `lowStockOnly` keeps those at or below their reorder point. */
  list: adminProcedure
    .input(ZInventoryListInput)
    .query(({ ctx, input }) => listStock(ctx.db, input)),

  /**
   * on_hand += delta with a reason; never below reserved (STOCK_BELOW_RESERVED), never
   * past MAX_STOCK_POSITION with what is on order (STOCK_LIMIT).
   */
  adjust: adminProcedure
    .input(ZInventoryAdjustInput)
    .mutation(({ ctx, input }) => adjustStock(ctx.db, { adminId: ctx.session.userId, ...input })),

  /** The reorder point and quantity the restock scheduler works from. */
  setPolicy: adminProcedure
    .input(ZInventorySetPolicyInput)
    .mutation(({ ctx, input }) => setStockPolicy(ctx.db, input)),

  /**
   * Orders stock from the supplier by hand (incoming += quantity; received later); never
   * past MAX_STOCK_POSITION on hand and on order together (STOCK_LIMIT).
   */
  restock: adminProcedure
    .input(ZInventoryRestockInput)
    .mutation(({ ctx, input }) =>
      requestRestock(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),

  /** One product's stock row, as `list` shows it (for the console's product stock page). */
  byId: adminProcedure.input(z.strictObject({ productId: ZId })).query(async ({ ctx, input }) => {
    const row = await getStock(ctx.db, input.productId);
    if (!row) throw new DomainError('NOT_FOUND', `Product ${input.productId} not found`);
    return row;
  }),

  /** A product's stock movements, newest first. */
  ledger: adminProcedure.input(ZInventoryLedgerInput).query(async ({ ctx, input }) => {
    if (!(await getStock(ctx.db, input.productId))) {
      throw new DomainError('NOT_FOUND', `Product ${input.productId} not found`);
    }
    return listLedger(ctx.db, input);
  }),

  /**
   * The invariants of DESIGN §4 against the live database: what changed in the last hour
   * (about a second on the reference shop), or every row with `mode: 'full'`.
   */
  check: adminProcedure
    .input(ZInventoryCheckInput)
    .query(({ ctx, input }) => checkInventory(ctx.db, input)),
} satisfies TRPCRouterRecord;
