import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysWithPrefix } from './redis-keys';

describe('deleteKeysWithPrefix', () => {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `${inject('redisPrefix')}:keys-test:`;
  afterAll(() => redis.disconnect());

  it('deletes the keys under the prefix and no others', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `${prefix}${i}`);
    await redis.mset(Object.fromEntries(keys.map((key) => [key, '1'])));
    await redis.set(`${prefix.slice(0, -1)}-other`, 'keep');
    expect(await deleteKeysWithPrefix(inject('redisUrl'), prefix)).toBe(2500);
    expect(await redis.exists(keys[0]!, keys[2499]!)).toBe(0);
    expect(await redis.get(`${prefix.slice(0, -1)}-other`)).toBe('keep');
    await redis.unlink(`${prefix.slice(0, -1)}-other`);
  });

  it('treats glob characters in the prefix literally', async () => {
    await redis.set(`${prefix}a*b`, '1');
    await redis.set(`${prefix}axb`, '1');
    expect(await deleteKeysWithPrefix(inject('redisUrl'), `${prefix}a*`)).toBe(1);
    expect(await redis.get(`${prefix}axb`)).toBe('1');
    await redis.unlink(`${prefix}axb`);
  });

  it('refuses an empty prefix', async () => {
    await expect(deleteKeysWithPrefix(inject('redisUrl'), '')).rejects.toThrow(/empty/);
  });
});
