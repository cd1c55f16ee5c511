import type { WatchAck } from '@stockpulse/shared';
import { z } from 'zod';

/** At most this many product ids in one `inventory:watch`/`inventory:unwatch`. */
export const MAX_IDS_PER_CALL = 200;
/** At most this many products watched by one socket. */
export const MAX_WATCHED_PER_SOCKET = 1_000;

/** A bounded list of product ids: positive safe integers, at most 200. */
export const ZProductIds = z
  .array(
    z
      .number({ error: 'product ids must be numbers' })
      .int({ error: 'product ids must be safe integers' })
      .positive({ error: 'product ids must be positive' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'product ids must be safe integers' }),
    { error: 'expected an array of product ids' },
  )
  .max(MAX_IDS_PER_CALL, { error: `at most ${MAX_IDS_PER_CALL} product ids per call` });

export type WatchAnswer = Parameters<WatchAck>[0];

/**
 * Splits what a client sent (`socket.on` gives the raw arguments, whatever their shape)
 * into the ids and the ack: the ack is the last argument when it is a function.
 */
export function splitArgs(args: unknown[]): { input: unknown; ack: WatchAck | undefined } {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as WatchAck) : undefined;
  const input = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
  return { input, ack };
}

/** The first problem zod found, as one line naming it. */
export function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid product ids';
  const where = issue.path.length > 0 ? ` (at index ${issue.path.join('.')})` : '';
  return `${issue.message}${where}`;
}

/**
 * Applies a watch (`add`) or an unwatch to the set of products a socket watches, all or
 * nothing. Returns the ids to join or leave, or the error to answer with.
 */
export function planWatch(
  watching: ReadonlySet<number>,
  input: unknown,
  add: boolean,
): { ok: true; ids: number[] } | { ok: false; error: string } {
  const parsed = ZProductIds.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeProblem(parsed.error) };
  const ids = [...new Set(parsed.data)].filter((id) => watching.has(id) === !add);
  if (add && watching.size + ids.length > MAX_WATCHED_PER_SOCKET) {
    return {
      ok: false,
      error: `at most ${MAX_WATCHED_PER_SOCKET} products watched per socket (watching ${watching.size}, asked for ${ids.length} more)`,
    };
  }
  return { ok: true, ids };
}
