import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assertMediaKey, type MediaFile, type MediaStore, mediaContentType } from './store';

/**
 * Media files in a folder (env MEDIA_DIR): `<dir>/<key>`. A file is written beside its
 * final name and renamed into place, so a reader never sees half of one.
 */
export class LocalMediaStore implements MediaStore {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** The store over `dir`, creating the folder when it does not exist. */
  static async open(dir: string): Promise<LocalMediaStore> {
    const absolute = resolve(dir);
    await mkdir(absolute, { recursive: true });
    return new LocalMediaStore(absolute);
  }

  private path(key: string): string {
    assertMediaKey(key);
    return join(this.dir, key);
  }

  async put(key: string, body: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  async get(key: string): Promise<MediaFile | null> {
    const path = this.path(key);
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (!found?.isFile()) return null;
    return { body: createReadStream(path), contentType: mediaContentType(key), size: found.size };
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.path(key), { force: true })));
  }
}
