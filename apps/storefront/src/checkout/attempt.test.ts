import { placeOrderInput } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { attemptSignature, createAttemptKeys, newIdempotencyKey } from './attempt';

describe('newIdempotencyKey', () => {
  it('makes keys the API accepts, different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      const parsed = placeOrderInput.safeParse({
        items: [{ productId: 1, quantity: 1 }],
        idempotencyKey: key,
      });
      expect(parsed.success).toBe(true);
    }
  });

  it('draws every character from the random bytes', () => {
    const key = newIdempotencyKey((bytes) => bytes.fill(0));
    expect(key).toBe('A'.repeat(32));
  });
});

describe('attemptSignature', () => {
  it('is the same for the same lines in any order or split', () => {
    const address = { city: 'Springfield' };
    expect(
      attemptSignature(
        [
          { productId: 2, quantity: 1 },
          { productId: 1, quantity: 3 },
        ],
        address,
      ),
    ).toBe(
      attemptSignature(
        [
          { productId: 1, quantity: 1 },
          { productId: 2, quantity: 1 },
          { productId: 1, quantity: 2 },
        ],
        address,
      ),
    );
  });

  it('changes with a quantity or the address', () => {
    const items = [{ productId: 1, quantity: 1 }];
    const base = attemptSignature(items, { city: 'A' });
    expect(attemptSignature([{ productId: 1, quantity: 2 }], { city: 'A' })).not.toBe(base);
    expect(attemptSignature(items, { city: 'B' })).not.toBe(base);
  });
});

describe('createAttemptKeys', () => {
  it('hands a double click or a retry the same key', () => {
    const attempts = createAttemptKeys();
    const signature = attemptSignature([{ productId: 1, quantity: 1 }], null);
    const first = attempts.keyFor(signature);
    expect(attempts.keyFor(signature)).toBe(first);
    expect(attempts.keyFor(signature)).toBe(first);
  });

  it('starts a new attempt (a new key) when what is ordered changes', () => {
    let n = 0;
    const attempts = createAttemptKeys(() => `key-number-${++n}`);
    const one = attemptSignature([{ productId: 1, quantity: 1 }], null);
    const two = attemptSignature([{ productId: 1, quantity: 2 }], null);
    expect(attempts.keyFor(one)).toBe('key-number-1');
    expect(attempts.keyFor(two)).toBe('key-number-2');
    // Going back to the first cart is a new attempt too: the failed one placed nothing.
    expect(attempts.keyFor(one)).toBe('key-number-3');
  });

  it('starts over after reset (the server refused the key)', () => {
    let n = 0;
    const attempts = createAttemptKeys(() => `key-number-${++n}`);
    const signature = attemptSignature([{ productId: 1, quantity: 1 }], null);
    attempts.keyFor(signature);
    attempts.reset();
    expect(attempts.keyFor(signature)).toBe('key-number-2');
  });
});
