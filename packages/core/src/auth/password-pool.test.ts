import { DomainError } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';
import { PasswordPool } from './password-pool';

const later = <T>(value: T, ms = 5) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('password pool', () => {
  it('runs at most `concurrency` jobs at once, verifications before waiting hashes', async () => {
    const pool = new PasswordPool({ concurrency: 2 });
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      await later(null);
      order.push(name);
      running--;
    };
    const hashes = Array.from({ length: 6 }, (_, i) => pool.run('hash', job(`hash${i}`)));
    const verification = pool.run('verify', job('verify'));
    await Promise.all([...hashes, verification]);
    expect(most).toBe(2);
    // The two hashes already running finish first; the verification overtakes the other four.
    expect(order.indexOf('verify')).toBe(2);
  });

  it('answers BUSY once its queue is full, and frees the slot of a job that threw', async () => {
    const pool = new PasswordPool({ concurrency: 1, maxWaiting: 2 });
    const jobs = [1, 2, 3].map((n) => pool.run('hash', () => later(n)));
    const refused = await pool.run('hash', () => later(4)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'BUSY', details: { retryAfterSeconds: 1 } });
    expect(await Promise.all(jobs)).toEqual([1, 2, 3]);
    await expect(pool.run('verify', () => Promise.reject(new Error('boom')))).rejects.toThrow();
    expect(await pool.run('verify', () => later('still serving'))).toBe('still serving');
    expect(pool.queued).toBe(0);
  });

  it('verifies before the hashes of a burst of sign-ups queued ahead of it', async () => {
    const hash = await hashPassword('the right password');
    let hashed = 0;
    const burst = Promise.all(
      Array.from({ length: 40 }, (_, i) => hashPassword(`signup ${i}`).then(() => hashed++)),
    );
    // Let the burst queue up first, as it would behind an attacker's batched request.
    await later(null, 1);
    expect(await verifyPassword(hash, 'the right password')).toBe(true);
    const hashedBefore = hashed;
    await burst;
    // Unbounded, the verification waits in libuv's queue behind all 40 (36 or more are
    // done first); through the pool, behind the few already running. Counted, not timed,
    // so a busy machine cannot blur it.
    expect(hashedBefore).toBeLessThan(10);
  });
});
