import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('server environment', () => {
  it('defaults everything a local run needs', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/stockpulse',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      TRUST_PROXY: false,
      REDIS_PREFIX: 'stockpulse',
    });
  });

  it.each([
    ['true', 1],
    ['1', 1],
    ['2', 2],
    ['0', false],
    ['false', false],
    ['10.0.0.0/8, 127.0.0.1', '10.0.0.0/8, 127.0.0.1'],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(parseEnv({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it('reads LIVE_ALLOWED_ORIGINS as a list, empty by default, refusing what is not an origin', () => {
    expect(parseEnv({}).LIVE_ALLOWED_ORIGINS).toEqual([]);
    expect(
      parseEnv({ LIVE_ALLOWED_ORIGINS: 'http://localhost:5173, http://localhost:5174' })
        .LIVE_ALLOWED_ORIGINS,
    ).toEqual(['http://localhost:5173', 'http://localhost:5174']);
    expect(() => parseEnv({ LIVE_ALLOWED_ORIGINS: 'localhost:5173' })).toThrow(
      /LIVE_ALLOWED_ORIGINS/,
    );
    expect(() => parseEnv({ LIVE_ALLOWED_ORIGINS: 'http://localhost:5173/path' })).toThrow(
      /LIVE_ALLOWED_ORIGINS/,
    );
  });

  it('limits tRPC batches to 20 calls and sign-ups to 10 per address an hour by default', () => {
    expect(parseEnv({})).toMatchObject({ TRPC_MAX_BATCH: 20, REGISTER_LIMIT: 10 });
    expect(parseEnv({ TRPC_MAX_BATCH: '50', REGISTER_LIMIT: '100' })).toMatchObject({
      TRPC_MAX_BATCH: 50,
      REGISTER_LIMIT: 100,
    });
  });

  it('gives returns 30 days after delivery unless RETURN_WINDOW_DAYS says otherwise', () => {
    expect(parseEnv({}).RETURN_WINDOW_DAYS).toBe(30);
    expect(parseEnv({ RETURN_WINDOW_DAYS: '14' }).RETURN_WINDOW_DAYS).toBe(14);
  });

  it('reads FRONTS_DIR, unset by default (the repository builds)', () => {
    expect(parseEnv({}).FRONTS_DIR).toBeUndefined();
    expect(parseEnv({ FRONTS_DIR: '' }).FRONTS_DIR).toBeUndefined();
    expect(parseEnv({ FRONTS_DIR: '/srv/fronts' }).FRONTS_DIR).toBe('/srv/fronts');
  });

  it('reads what is set, treating an empty value as unset', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'mysql://app:secret@db:3306/shop',
      REDIS_URL: '',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'mysql://app:secret@db:3306/shop',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'nope'],
    ['DATABASE_URL', 'postgres://db/shop'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1:3306/'],
    ['REDIS_URL', 'localhost:6379'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['TRUST_PROXY', 'yes please'],
    ['TRUST_PROXY', 'true,'],
    ['REDIS_PREFIX', 'has spaces'],
    ['TRPC_MAX_BATCH', '5'],
    ['TRPC_MAX_BATCH', 'many'],
    ['REGISTER_LIMIT', '0'],
    ['REGISTER_LIMIT', '2.5'],
    ['RETURN_WINDOW_DAYS', '-1'],
    ['RETURN_WINDOW_DAYS', 'a month'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(
      new RegExp(`^Invalid environment:\\n  ${name}: `),
    );
  });

  it('names every bad variable at once', () => {
    expect(() => parseEnv({ PORT: 'abc', REDIS_URL: 'nope' })).toThrow(
      /PORT: [^\n]+\n {2}REDIS_URL: /,
    );
  });
});
