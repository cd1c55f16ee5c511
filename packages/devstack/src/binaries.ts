import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where package managers put database servers that are often not on a user's PATH. */
export const WELL_KNOWN_BIN_DIRS = [
  '/usr/sbin',
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/local/mysql/bin',
  '/opt/homebrew/bin',
];

/** Homebrew keeps keg-only formulae (mysql@8.4, mariadb@10.11) under /opt/homebrew/opt/<name>/bin. */
export const HOMEBREW_OPT = '/opt/homebrew/opt';

/** PATH first, then the well-known folders and every Homebrew opt/<formula>/bin, without repeats. */
export function binarySearchDirs(
  pathVariable: string,
  options: { wellKnown?: string[]; homebrewOpt?: string } = {},
): string[] {
  const wellKnown = options.wellKnown ?? WELL_KNOWN_BIN_DIRS;
  const homebrewOpt = options.homebrewOpt ?? HOMEBREW_OPT;
  const dirs = [...pathVariable.split(delimiter), ...wellKnown, ...kegBinDirs(homebrewOpt)];
  return [...new Set(dirs.filter((dir) => dir !== ''))];
}

function kegBinDirs(optDir: string): string[] {
  try {
    return readdirSync(optDir)
      .sort()
      .map((formula) => join(optDir, formula, 'bin'));
  } catch {
    return [];
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found in `dirs` (names in order of preference, then dirs in order). */
export function findBinary(names: string[], dirs: string[]): string | undefined {
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}
