/**
 * Load shapes, bounded in count and time:
 *  - closed loop: N clients, each sends its next request when the previous one answered;
 *  - open loop: requests due at a fixed rate whatever the answers; latency is measured
 *    from when a request was DUE (so a stalled server shows), with a bound on in-flight.
 */
import { performance } from 'node:perf_hooks';
import { dueAt, openLoopCount, percentile, round } from '../stats';

/** One request; resolves 'ok' or a refusal kind, throws on an unexpected error. */
export type Operation = (client: number, n: number) => Promise<'ok' | 'out_of_stock'>;

export interface LoadResult {
  ok: number;
  outOfStock: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summarise(
  latencies: number[],
  counts: { ok: number; outOfStock: number; errors: number; firstError?: string },
  ms: number,
) {
  return {
    ...counts,
    seconds: round(ms / 1_000, 2),
    perSecond: round((counts.ok * 1_000) / ms, 1),
    p50: round(percentile(latencies, 50), 2),
    p99: round(percentile(latencies, 99), 2),
  };
}

export async function closedLoop(options: {
  clients: number;
  seconds: number;
  /** Stop after this many requests in all. */
  maxRequests: number;
  op: Operation;
  /** A client stops at its first refusal (the 50-units run). */
  stopOnRefusal?: boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const counts: { ok: number; outOfStock: number; errors: number; firstError?: string } = {
    ok: 0,
    outOfStock: 0,
    errors: 0,
  };
  let n = 0;
  const start = performance.now();
  const deadline = start + options.seconds * 1_000;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (performance.now() < deadline && n < options.maxRequests) {
        n += 1;
        const t0 = performance.now();
        try {
          const outcome = await options.op(client, n);
          if (outcome === 'ok') {
            latencies.push(performance.now() - t0);
            counts.ok += 1;
          } else {
            counts.outOfStock += 1;
            if (options.stopOnRefusal) return;
          }
        } catch (error) {
          counts.errors += 1;
          counts.firstError ??= (error as Error).message;
          if (counts.errors > 100) return;
        }
      }
    }),
  );
  return summarise(latencies, counts, performance.now() - start);
}

export interface OpenLoopResult extends LoadResult {
  rate: number;
  /** Requests not sent because `maxInFlight` were outstanding when they were due. */
  dropped: number;
  /** Latency from sending (p99), beside the from-due p99 above. */
  sentP99: number;
}

export async function openLoop(options: {
  rate: number;
  seconds: number;
  maxRequests: number;
  maxInFlight: number;
  clients: number;
  op: Operation;
}): Promise<OpenLoopResult> {
  const total = openLoopCount(options.rate, options.seconds, options.maxRequests);
  const fromDue: number[] = [];
  const fromSent: number[] = [];
  const counts: { ok: number; outOfStock: number; errors: number; firstError?: string } = {
    ok: 0,
    outOfStock: 0,
    errors: 0,
  };
  let inFlight = 0;
  let dropped = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = dueAt(start, i, options.rate);
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight >= options.maxInFlight) {
      dropped += 1;
      continue;
    }
    inFlight += 1;
    const sent = performance.now();
    pending.push(
      options
        .op(i % options.clients, i + 1)
        .then((outcome) => {
          const now = performance.now();
          if (outcome === 'ok') {
            counts.ok += 1;
            fromDue.push(now - due);
            fromSent.push(now - sent);
          } else counts.outOfStock += 1;
        })
        .catch((error: Error) => {
          counts.errors += 1;
          counts.firstError ??= error.message;
        })
        .finally(() => {
          inFlight -= 1;
        }),
    );
  }
  await Promise.all(pending);
  const result = summarise(fromDue, counts, performance.now() - start);
  return { ...result, rate: options.rate, dropped, sentP99: round(percentile(fromSent, 99), 2) };
}
