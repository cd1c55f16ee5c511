import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressDir } from './vite-precompress';

describe('precompressDir', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a brotli and a gzip copy beside every text file, nested ones too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sp-precompress-'));
    mkdirSync(join(dir, 'assets'));
    const script = `export const words = ${JSON.stringify('stock '.repeat(2_000))};`;
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), script);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

    await precompressDir(dir);

    const file = join(dir, 'assets', 'index-Ab12Cd34.js');
    const br = readFileSync(`${file}.br`);
    expect(brotliDecompressSync(br).toString()).toBe(script);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(script);
    expect(br.length).toBeLessThan(script.length / 20);
    expect(existsSync(join(dir, 'index.html.br'))).toBe(true);
    // Already a compressed format: left alone.
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
    // A second run (a rebuild into the same folder) does not compress the copies.
    await precompressDir(dir);
    expect(existsSync(`${file}.br.br`)).toBe(false);
  });
});
