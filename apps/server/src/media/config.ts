import type { MediaConfig } from '@stockpulse/core/media';
import type { ServerEnv } from '../env';

/**
 * Which store keeps uploaded photos: the bucket when MEDIA_S3_BUCKET is set, else the
 * folder MEDIA_DIR (else `defaultDir`: main.ts passes the repository's `.data/media`). The code that uses the store
 * is the same either way (core/media's `MediaStore`).
 */
export function mediaConfigOf(
  env: Pick<ServerEnv, `MEDIA_${string}` & keyof ServerEnv>,
  defaultDir: string,
): MediaConfig {
  if (!env.MEDIA_S3_BUCKET) return { kind: 'local', dir: env.MEDIA_DIR ?? defaultDir };
  return {
    kind: 's3',
    bucket: env.MEDIA_S3_BUCKET,
    endpoint: env.MEDIA_S3_ENDPOINT,
    region: env.MEDIA_S3_REGION,
    accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID,
    secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY,
    prefix: env.MEDIA_S3_PREFIX,
    forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE,
  };
}
