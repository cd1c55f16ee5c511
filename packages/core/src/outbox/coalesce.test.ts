import type { InventoryChanged } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { createCoalescer } from './publisher';

const stock = (productId: number, version: number): InventoryChanged => ({
  productId,
  available: 0,
  onHand: 0,
  reserved: 0,
  incoming: 0,
  version,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A coalescer whose "Redis" accepts every emit on the next tick, or refuses while `down`. */
function harness(windowMs = 50) {
  const sent: InventoryChanged[] = [];
  const state = { down: false };
  const coalescer = createCoalescer(async (event) => {
    await sleep(1);
    if (state.down) throw new Error('Redis is down');
    sent.push(event);
  }, windowMs);
  return { sent, state, coalescer };
}

describe('inventory:changed coalescing', () => {
  it('sends the first change at once and the newest of the rest at the window end', async () => {
    const { sent, coalescer } = harness();
    const versions = [3, 7, 5, 9, 8, 4];
    const settled: number[] = [];
    const offers = versions.map((v) => coalescer.offer(stock(1, v)).then(() => settled.push(v)));
    await sleep(10);
    expect(sent.map((e) => e.version)).toEqual([3]);
    expect(settled).toEqual([3]); // the held ones wait for the emit that carries them
    await Promise.all(offers);
    expect(sent.map((e) => e.version)).toEqual([3, 9]);
    await sleep(80);
    expect(coalescer.size()).toBe(0); // a quiet window closes and leaves nothing behind
  });

  it('keeps products apart and does not hold a product whose window has ended', async () => {
    const { sent, coalescer } = harness(30);
    await Promise.all([coalescer.offer(stock(1, 1)), coalescer.offer(stock(2, 1))]);
    await sleep(50);
    await coalescer.offer(stock(1, 2));
    expect(sent.map((e) => `${e.productId}@${e.version}`)).toEqual(['1@1', '2@1', '1@2']);
  });

  it('an older version than the one sent settles with it and is never sent', async () => {
    const { sent, coalescer } = harness();
    await coalescer.offer(stock(1, 10));
    await coalescer.offer(stock(1, 4));
    expect(sent.map((e) => e.version)).toEqual([10]);
  });

  it('fails every change a failed emit carried, and the retry goes out at once', async () => {
    const { sent, state, coalescer } = harness();
    state.down = true;
    const first = coalescer.offer(stock(1, 1));
    const held = coalescer.offer(stock(1, 2));
    await expect(first).rejects.toThrow(/down/);
    await expect(held).rejects.toThrow(/down/);
    state.down = false;
    await coalescer.offer(stock(1, 2));
    expect(sent.map((e) => e.version)).toEqual([2]);
  });
});
