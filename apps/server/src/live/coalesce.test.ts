import type { InventoryChanged } from '@stockpulse/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from './coalesce';

// One variant per product here: coalescing is per variant.
const stock = (productId: number, version: number): InventoryChanged => ({
  productId,
  variantId: productId,
  unavailable: 0,
  productAvailable: 0,
  available: 0,
  onHand: 0,
  reserved: 0,
  incoming: 0,
  version,
});

function harness(windowMs = 100) {
  const sent: InventoryChanged[] = [];
  const coalescer = createCoalescer((event) => sent.push(event), windowMs);
  const seen = () => sent.map((event) => `${event.productId}@${event.version}`);
  return { sent, seen, coalescer };
}

describe('inventory:changed coalescing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first change at once and the newest of the rest at the window end', () => {
    const { seen, coalescer } = harness();
    for (const version of [3, 7, 5, 9, 8, 4]) coalescer.offer(stock(1, version));
    expect(seen()).toEqual(['1@3']);
    vi.advanceTimersByTime(99);
    expect(seen()).toEqual(['1@3']);
    vi.advanceTimersByTime(1);
    expect(seen()).toEqual(['1@3', '1@9']);
    vi.advanceTimersByTime(100);
    expect(coalescer.size()).toBe(0); // a quiet window closes and leaves nothing behind
  });

  it('gives a steady stream one event per window, ending on the newest', () => {
    const { sent, coalescer } = harness();
    for (let version = 1; version <= 50; version++) {
      coalescer.offer(stock(1, version));
      vi.advanceTimersByTime(10); // 50 changes over 500 ms
    }
    vi.advanceTimersByTime(200);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)?.version).toBe(50);
    const versions = sent.map((event) => event.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('keeps products apart and does not hold a product whose window has ended', () => {
    const { seen, coalescer } = harness(30);
    coalescer.offer(stock(1, 1));
    coalescer.offer(stock(2, 1));
    vi.advanceTimersByTime(50);
    coalescer.offer(stock(1, 2));
    expect(seen()).toEqual(['1@1', '2@1', '1@2']);
  });

  it('never sends a version older than one it sent', () => {
    const { seen, coalescer } = harness();
    coalescer.offer(stock(1, 10));
    coalescer.offer(stock(1, 4));
    vi.advanceTimersByTime(300);
    coalescer.offer(stock(1, 10));
    expect(seen()).toEqual(['1@10', '1@10']); // a new window may repeat the current version
    vi.advanceTimersByTime(50);
    coalescer.offer(stock(1, 9));
    vi.advanceTimersByTime(300);
    expect(seen()).toEqual(['1@10', '1@10']);
  });
});
