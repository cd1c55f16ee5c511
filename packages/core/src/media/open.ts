import type { S3MediaConfig } from './s3-store';
import type { MediaStore } from './store';

/** Which store holds media files (apps/server's env picks it: MEDIA_S3_BUCKET or MEDIA_DIR). */
export type MediaConfig = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3MediaConfig);

/**
 * The store `config` names. The S3 client is loaded only when a bucket is configured, so
 * a shop on the folder store never loads the AWS SDK.
 */
export async function openMediaStore(config: MediaConfig): Promise<MediaStore> {
  if (config.kind === 'local') {
    const { LocalMediaStore } = await import('./local-store');
    return LocalMediaStore.open(config.dir);
  }
  const { S3MediaStore } = await import('./s3-store');
  const { kind: _kind, ...s3 } = config;
  return new S3MediaStore(s3);
}
