import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher';

/** A `run` that records each batch and answers every key with key × 10 after `ms`. */
function recorder(ms = 5) {
  const batches: number[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const run = async (keys: number[]) => {
    batches.push(keys);
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return new Map(keys.map((key) => [key, key * 10]));
  };
  return { run, batches, mostAtOnce: () => mostAtOnce };
}

describe('createBatcher', () => {
  it('answers keys asked for within one window in one call, each with its own answer', async () => {
    const r = recorder();
    const batcher = createBatcher(r.run, { windowMs: 20, maxBatch: 100, maxInFlight: 1 });
    const answers = await Promise.all([1, 2, 3, 2].map((key) => batcher.load(key)));
    expect(answers).toEqual([10, 20, 30, 20]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('sends a full batch at once and never runs more than maxInFlight calls together', async () => {
    const r = recorder(10);
    const batcher = createBatcher(r.run, { windowMs: 1_000, maxBatch: 4, maxInFlight: 2 });
    const started = Date.now();
    const keys = Array.from({ length: 14 }, (_, i) => i + 1);
    const answers = await Promise.all(keys.map((key) => batcher.load(key)));
    expect(answers).toEqual(keys.map((key) => key * 10));
    expect(r.batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
      [13, 14],
    ]);
    expect(r.mostAtOnce()).toBe(2);
    // Under load nothing waits out a window: the overflow goes as soon as a call ends.
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('holds a lone key for the window, counted from its arrival', async () => {
    const r = recorder(1);
    const batcher = createBatcher(r.run, { windowMs: 50, maxBatch: 10, maxInFlight: 1 });
    const started = Date.now();
    await batcher.load(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('gathers what arrives while a call runs into the next call', async () => {
    const r = recorder(30);
    const batcher = createBatcher(r.run, { windowMs: 0, maxBatch: 100, maxInFlight: 1 });
    const first = batcher.load(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first call is running
    const later = [2, 3, 4].map((key) => batcher.load(key));
    expect(batcher.waiting()).toBe(3);
    await Promise.all([first, ...later]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('gives every caller of a failed batch the error, and later batches still run', async () => {
    let fail = true;
    const batcher = createBatcher(
      async (keys: number[]) => {
        if (fail) throw new Error('deadlock');
        return new Map(keys.map((key) => [key, key]));
      },
      { windowMs: 0, maxBatch: 10, maxInFlight: 1 },
    );
    const failed = await Promise.allSettled([batcher.load(1), batcher.load(2)]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.load(3)).toBe(3);
  });

  it('rejects a key that the batch left unanswered', async () => {
    const batcher = createBatcher(async () => new Map<number, number>(), {
      windowMs: 0,
      maxBatch: 10,
      maxInFlight: 1,
    });
    await expect(batcher.load(7)).rejects.toThrow('no answer for 7');
  });
});
