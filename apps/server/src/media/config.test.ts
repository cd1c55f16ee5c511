import { openMediaStore } from '@stockpulse/core/media';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { mediaConfigOf } from './config';

const DEFAULT_DIR = '/srv/shop/.data/media';

describe('which media store the environment picks', () => {
  it('is the folder by default: MEDIA_DIR, else the repository default', () => {
    expect(mediaConfigOf(parseEnv({}), DEFAULT_DIR)).toEqual({ kind: 'local', dir: DEFAULT_DIR });
    expect(mediaConfigOf(parseEnv({ MEDIA_DIR: '/var/media' }), DEFAULT_DIR)).toEqual({
      kind: 'local',
      dir: '/var/media',
    });
  });

  it('is the bucket when MEDIA_S3_BUCKET is set, with its endpoint, region, keys and prefix', () => {
    const env = parseEnv({
      MEDIA_DIR: '/ignored',
      MEDIA_S3_BUCKET: 'shop-media',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_REGION: 'eu-west-1',
      MEDIA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      MEDIA_S3_SECRET_ACCESS_KEY: 'secret',
      MEDIA_S3_PREFIX: 'shop-1/',
      MEDIA_S3_FORCE_PATH_STYLE: 'false',
    });
    expect(mediaConfigOf(env, DEFAULT_DIR)).toEqual({
      kind: 's3',
      bucket: 'shop-media',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      prefix: 'shop-1/',
      forcePathStyle: false,
    });
    expect(mediaConfigOf(parseEnv({ MEDIA_S3_BUCKET: 'shop-media' }), DEFAULT_DIR)).toMatchObject({
      kind: 's3',
      region: 'us-east-1',
      endpoint: undefined,
      accessKeyId: undefined,
    });
  });

  it('refuses half a key pair, a bad bucket name, endpoint or prefix, naming the variable', () => {
    expect(() =>
      parseEnv({ MEDIA_S3_BUCKET: 'shop-media', MEDIA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }),
    ).toThrow(/MEDIA_S3_SECRET_ACCESS_KEY: set both/);
    expect(() => parseEnv({ MEDIA_S3_BUCKET: 'Shop_Media' })).toThrow(/MEDIA_S3_BUCKET/);
    expect(() => parseEnv({ MEDIA_S3_ENDPOINT: 'minio:9000' })).toThrow(/MEDIA_S3_ENDPOINT/);
    expect(() => parseEnv({ MEDIA_S3_PREFIX: 'no-slash' })).toThrow(/MEDIA_S3_PREFIX/);
    expect(() => parseEnv({ MEDIA_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /MEDIA_S3_FORCE_PATH_STYLE/,
    );
  });

  it('opens the S3 store for a bucket (no request is sent until a file is read or written)', async () => {
    const store = await openMediaStore(
      mediaConfigOf(parseEnv({ MEDIA_S3_BUCKET: 'shop-media' }), DEFAULT_DIR),
    );
    expect(store.constructor.name).toBe('S3MediaStore');
  });
});
