import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertMediaKey, type MediaFile, type MediaStore, mediaContentType } from './store';

export interface S3MediaConfig {
  bucket: string;
  /** An S3-compatible service's URL (MinIO, R2, …); absent: AWS itself. */
  endpoint?: string | undefined;
  region: string;
  /** Both or neither; neither: the SDK's own chain (env, profile, instance role). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Put before every key, e.g. `stockpulse/`; default none. */
  prefix?: string | undefined;
  /** `bucket` in the path instead of the host name, as most S3-compatible services want. */
  forcePathStyle?: boolean | undefined;
}

/**
 * Media files as objects of a bucket: the same keys as the folder store, under `prefix`.
 * The server still answers `/media/…` (streaming the object), so URLs do not change with
 * the store; a CDN in front caches them for ever.
 */
export class S3MediaStore implements MediaStore {
  private readonly client: S3Client;

  constructor(private readonly config: S3MediaConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? config.endpoint !== undefined,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  private objectKey(key: string): string {
    assertMediaKey(key);
    return `${this.config.prefix ?? ''}${key}`;
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: contentType,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(key: string): Promise<MediaFile | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
      );
      if (!object.Body) return null;
      return {
        // In Node the SDK's body is an IncomingMessage: a Readable.
        body: object.Body as Readable,
        contentType: object.ContentType ?? mediaContentType(key),
        size: object.ContentLength,
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.config.bucket,
        Delete: { Objects: keys.map((key) => ({ Key: this.objectKey(key) })), Quiet: true },
      }),
    );
  }
}
