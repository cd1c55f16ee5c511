import { accountKey, revokeSession, signIn, signUp } from '@stockpulse/core';
import { emailField, nameField, newPasswordField, passwordField } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { type Context, publicProcedure } from '../trpc';

export const ZRegisterInput = z
  .object({ email: emailField, password: newPasswordField, name: nameField })
  .strict();

export const ZLoginInput = z.object({ email: emailField, password: passwordField }).strict();

/** Ends a session: its row (the token is dead everywhere) and its sockets, on every server. */
async function endSession(ctx: Context, tokenHash: string) {
  await revokeSession(ctx.db, tokenHash);
  await ctx.forgetSessions({ tokenHashes: [tokenHash] });
  try {
    ctx.live?.disconnectSession(tokenHash);
  } catch (err) {
    ctx.log.warn({ err }, 'could not disconnect the sockets of an ended session');
  }
}

/** Hands the new session to the cookie, ending the one the request came with, if any. */
async function startSession(ctx: Context, session: { token: string; expiresAt: Date }) {
  if (ctx.session) await endSession(ctx, ctx.session.tokenHash);
  ctx.setSessionCookie(session.token, session.expiresAt);
}

const sessionMeta = (ctx: Context) => ({ ip: ctx.clientAddress, userAgent: ctx.userAgent });

export const authRouter = {
  /**
   * Creates a customer account and signs it in. CONFLICT `EMAIL_TAKEN` for a known email;
   * TOO_MANY_REQUESTS `TOO_MANY_ATTEMPTS` (with `retryAfterSeconds`) past the sign-ups
   * allowed per client address, which is what keeps EMAIL_TAKEN from being a cheap way
   * to find out who has an account.
   */
  register: publicProcedure.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    const { user, session } = await signUp(
      { db: ctx.db, limiter: ctx.signUpLimiter },
      input,
      sessionMeta(ctx),
    );
    await startSession(ctx, session);
    ctx.setDeviceCookie(await ctx.knownDevices.remember(ctx.deviceToken, accountKey(user.email)));
    return user;
  }),

  /**
   * UNAUTHORIZED `INVALID_CREDENTIALS` for a wrong email or password alike;
   * TOO_MANY_REQUESTS `TOO_MANY_ATTEMPTS` (with `retryAfterSeconds`) past the limits:
   * after five tries an account's sign-ins slow down (30 s between tries, doubling), except
   * from a browser where it signed in before (the `sp_device` cookie), which has a budget
   * of its own.
   */
  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const { user, session, deviceToken } = await signIn(
      { db: ctx.db, limiter: ctx.loginLimiter, devices: ctx.knownDevices },
      input,
      { ...sessionMeta(ctx), deviceToken: ctx.deviceToken },
    );
    await startSession(ctx, session);
    ctx.setDeviceCookie(deviceToken);
    return user;
  }),

  /**
   * Ends this session (the row, so the token is dead everywhere, and its sockets on every
   * server) and clears the cookie.
   */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await endSession(ctx, ctx.session.tokenHash);
    ctx.clearSessionCookie();
    return null;
  }),

  /** Who is signed in, or null. */
  me: publicProcedure.query(({ ctx }) => {
    const { session } = ctx;
    return session
      ? { id: session.userId, email: session.email, name: session.name, role: session.role }
      : null;
  }),
} satisfies TRPCRouterRecord;
