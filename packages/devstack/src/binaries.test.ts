import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binarySearchDirs, findBinary } from './binaries';

describe('binary discovery', () => {
  const root = mkdtempSync(join(tmpdir(), 'sp-bin-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function fakeBinary(dir: string, name: string, mode = 0o755): string {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, mode);
    return file;
  }

  it('searches PATH first, then the well-known folders, then each Homebrew keg, once each', () => {
    const opt = join(root, 'opt');
    mkdirSync(join(opt, 'mysql@8.4'), { recursive: true });
    mkdirSync(join(opt, 'mariadb'), { recursive: true });
    const dirs = binarySearchDirs('/usr/bin::/usr/sbin:/home/me/bin', {
      wellKnown: ['/usr/sbin', '/usr/local/bin'],
      homebrewOpt: opt,
    });
    expect(dirs).toEqual([
      '/usr/bin',
      '/usr/sbin',
      '/home/me/bin',
      '/usr/local/bin',
      join(opt, 'mariadb', 'bin'),
      join(opt, 'mysql@8.4', 'bin'),
    ]);
  });

  it('skips a missing Homebrew folder', () => {
    expect(binarySearchDirs('', { wellKnown: ['/x'], homebrewOpt: join(root, 'nope') })).toEqual([
      '/x',
    ]);
  });

  it('finds the first preferred name in any folder, and only executables', () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    fakeBinary(a, 'mysqld');
    const mariadbd = fakeBinary(b, 'mariadbd');
    fakeBinary(a, 'redis-server', 0o644);
    const redis = fakeBinary(b, 'redis-server');
    expect(findBinary(['mariadbd', 'mysqld'], [a, b])).toBe(mariadbd);
    expect(findBinary(['mysqld'], [a, b])).toBe(join(a, 'mysqld'));
    expect(findBinary(['redis-server'], [a, b])).toBe(redis);
    expect(findBinary(['postgres'], [a, b])).toBeUndefined();
  });
});
