import {
  archiveLocation,
  createLocation,
  getLocation,
  listLocations,
  updateLocation,
} from '@stockpulse/core';
import { countryField } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { ZId, ZText, ZWhole } from './inputs';

const ZCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{1,16}$/, 'Code must be 1 to 16 letters, digits, _ or -');

export const ZLocationCreateInput = z.strictObject({
  name: ZText(100, 'Name'),
  code: ZCode,
  country: countryField,
  fulfilsOnline: z.boolean().default(true),
  priority: ZWhole('Priority', 0, 1_000_000).default(100),
});

export const ZLocationUpdateInput = z.strictObject({
  id: ZId,
  name: ZText(100, 'Name').optional(),
  code: ZCode.optional(),
  country: countryField.optional(),
  fulfilsOnline: z.boolean().optional(),
  priority: ZWhole('Priority', 0, 1_000_000).optional(),
});

/** Stock locations (DESIGN §11): where stock is kept, and which fulfil online orders. */
export const adminLocationsRouter = {
  /** Every location by priority (the allocation order), archived ones last. */
  list: adminProcedure.query(({ ctx }) => listLocations(ctx.db)),
  byId: adminProcedure
    .input(z.strictObject({ id: ZId }))
    .query(({ ctx, input }) => getLocation(ctx.db, input.id)),
  /** A new location, with an empty stock row for every variant; LOCATION_CODE_TAKEN. */
  create: adminProcedure
    .input(ZLocationCreateInput)
    .mutation(({ ctx, input }) => createLocation(ctx.db, input)),
  update: adminProcedure
    .input(ZLocationUpdateInput)
    .mutation(({ ctx, input: { id, ...changes } }) => updateLocation(ctx.db, id, changes)),
  /** Refused (STOCK_UNAVAILABLE) while the location holds, expects or reserves stock. */
  archive: adminProcedure
    .input(z.strictObject({ id: ZId }))
    .mutation(({ ctx, input }) => archiveLocation(ctx.db, input.id)),
} satisfies TRPCRouterRecord;
