import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from './timeout';

describe('withTimeout', () => {
  it('answers what the work answers in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 100)).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('no')), 100)).rejects.toThrow('no');
  });

  it('rejects with a TimeoutError once the time is up, with the message given', async () => {
    const never = new Promise<never>(() => {});
    const error = await withTimeout(never, 20).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('no answer within 20 ms');
    await expect(withTimeout(never, 20, 'publishing took more than 20 ms')).rejects.toThrow(
      'publishing took more than 20 ms',
    );
  });
});
