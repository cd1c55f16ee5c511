import { changePassword, getProfile, updateProfile } from '@stockpulse/core';
import {
  addressField,
  nameField,
  newPasswordField,
  passwordField,
  phoneField,
} from '@stockpulse/shared';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { customerProcedure } from '../trpc';

export const ZAccountUpdateInput = z
  .object({
    name: nameField.optional(),
    /** null clears it. */
    phone: phoneField.nullable().optional(),
    /** null clears it; otherwise the whole address. */
    address: addressField.nullable().optional(),
  })
  .strict();

export const ZChangePasswordInput = z
  .object({ current: passwordField, next: newPasswordField })
  .strict()
  .refine((input) => input.next !== input.current, {
    path: ['next'],
    error: 'must differ from the current password',
  });

const noProfile = () => new TRPCError({ code: 'NOT_FOUND', message: 'No customer profile' });

/** The signed-in customer's own profile. Admins have none: FORBIDDEN (customerProcedure). */
export const accountRouter = {
  get: customerProcedure.query(async ({ ctx }) => {
    const profile = await getProfile(ctx.db, ctx.session.userId);
    if (!profile) throw noProfile();
    return profile;
  }),

  /** Changes the given fields (the email is the login and stays); returns the profile. */
  update: customerProcedure.input(ZAccountUpdateInput).mutation(async ({ ctx, input }) => {
    const profile = await updateProfile(ctx.db, ctx.session.userId, input);
    if (!profile) throw noProfile();
    // Sessions carry the name (orders are placed under it): no cache may keep the old one.
    if (input.name !== undefined) await ctx.forgetSessions({ userIds: [ctx.session.userId] });
    return profile;
  }),

  /**
   * UNAUTHORIZED `INVALID_CREDENTIALS` when `current` is wrong; TOO_MANY_REQUESTS
   * `TOO_MANY_ATTEMPTS` (with `retryAfterSeconds`) after five wrong ones in 15 minutes,
   * the right one included, so a stolen session cannot guess the password. Signs out every other
   * session of the customer; this one stays.
   */
  changePassword: customerProcedure.input(ZChangePasswordInput).mutation(async ({ ctx, input }) => {
    const { revokedSessions, revokedTokenHashes } = await changePassword(
      { db: ctx.db, limiter: ctx.passwordCheckLimiter },
      ctx.session.userId,
      { ...input, keepTokenHash: ctx.session.tokenHash },
    );
    // The other sessions are gone; so must be their cache entries and their sockets, on
    // every server.
    await ctx.forgetSessions({ tokenHashes: revokedTokenHashes });
    for (const tokenHash of revokedTokenHashes) ctx.live?.disconnectSession(tokenHash);
    return { revokedSessions };
  }),
} satisfies TRPCRouterRecord;
