import { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';

/** Calls one batched tRPC request may carry, unless TRPC_MAX_BATCH says otherwise. */
export const DEFAULT_MAX_BATCH_CALLS = 20;

/**
 * Refuses a whole batch past `max` calls, before any of them runs: one anonymous request
 * of 357 `auth.register` calls created 357 accounts and tied up every core for seconds
 * before this limit. Thrown from `createContext`, so every call in the batch answers this 400.
 * The fronts' links batch at most 10 calls, below any allowed setting.
 */
export function refuseLargeBatch(info: Pick<TRPCRequestInfo, 'calls'>, max: number): void {
  if (info.calls.length <= max) return;
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: `A batch may hold at most ${max} calls; this one has ${info.calls.length}`,
  });
}
