/**
 * Times one call on both shops over HTTP: its input resolved on each (page 1 fetched for a
 * page-2 cursor, untimed), one warm-up each, then `samples` rounds alternating the shops,
 * so both see the same moments of this shared machine; the median of each.
 */
import { performance } from 'node:perf_hooks';
import { TRPCClientError } from '@trpc/client';
import { median, round } from '../stats';
import { type Call, type Client, procedure, type ShopFacts } from './calls';

export interface Side {
  admin: Client;
  customer: Client;
  facts: ShopFacts;
}

export interface CallTiming {
  /** Median ms, or null when not measured. */
  ms: number | null;
  samples: number[];
  note?: string;
  error?: string;
}

export interface MeasureOptions {
  samples: number;
  /** A warm-up slower than this is the only sample taken (a 3-minute call is not run 6×). */
  slowMs: number;
}

const missing = (error: unknown) =>
  error instanceof TRPCClientError && /No procedure found/i.test(error.message);
const refused = (error: unknown) =>
  error instanceof TRPCClientError && error.data?.code === 'BAD_REQUEST';
const describe = (error: unknown) => ((error as Error).message ?? String(error)).slice(0, 300);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function measureCall(
  call: Call,
  sides: Side[],
  options: MeasureOptions,
): Promise<CallTiming[]> {
  const timings: CallTiming[] = sides.map(() => ({ ms: null, samples: [] }));
  const runs: ((() => Promise<unknown>) | null)[] = [];
  for (const [i, side] of sides.entries()) {
    const client = call.as === 'admin' ? side.admin : side.customer;
    const target = procedure(client, call.path);
    const timing = timings[i]!;
    let run: (() => Promise<unknown>) | null = null;
    try {
      const input = await call.input(side.facts, client);
      run = () => target.query(input);
      try {
        timing.samples.push(await timed(run));
      } catch (error) {
        if (!(refused(error) && call.fallback)) throw error;
        const fallback = call.fallback.input;
        run = () => target.query(fallback);
        timing.note = call.fallback.note;
        timing.samples.push(await timed(run));
      }
      // The warm-up is a sample only when it is all there will be.
      if (timing.samples[0]! > options.slowMs) {
        timing.note = `one sample (slower than ${options.slowMs / 1000} s)`;
        run = null;
      } else timing.samples = [];
    } catch (error) {
      timing.error = missing(error) ? 'not on this server yet' : describe(error);
      run = null;
    }
    runs.push(run);
  }
  for (let r = 0; r < options.samples; r++) {
    for (const [i, run] of runs.entries()) {
      if (!run) continue;
      try {
        timings[i]!.samples.push(await timed(run));
      } catch (error) {
        timings[i]!.error = describe(error);
        runs[i] = null;
      }
    }
  }
  for (const timing of timings) {
    if (!timing.error && timing.samples.length > 0) {
      timing.ms = round(median(timing.samples), 1);
      timing.samples = timing.samples.map((ms) => round(ms, 1));
    }
  }
  return timings;
}
