/** The sizes a seed run can be asked for on the command line. */
export interface SeedSizes {
  products?: number;
  customers?: number;
  orders?: number;
  days?: number;
  seed?: number;
}

const LIMITS: Record<keyof SeedSizes, readonly [min: number, max: number]> = {
  products: [1, 10_000_000],
  customers: [1, 10_000_000],
  orders: [0, 100_000_000],
  days: [1, 3650],
  seed: [0, 4_294_967_295],
};

function isSize(name: string): name is keyof SeedSizes {
  return Object.hasOwn(LIMITS, name);
}

/**
 * Parses `--products N --customers N --orders N --days N --seed N` (or `--name=N`).
 * Throws an Error that says which flag is wrong and what it accepts.
 */
export function parseSeedArgs(argv: readonly string[]): SeedSizes {
  const sizes: SeedSizes = {};
  const usage = `flags: ${Object.keys(LIMITS)
    .map((k) => `--${k} N`)
    .join(' ')}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unexpected argument "${arg}" (${usage})`);
    const name = match[1]!;
    if (!isSize(name)) throw new Error(`Unknown flag --${name} (${usage})`);
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
      value = next;
      i += 1;
    }
    const [min, max] = LIMITS[name];
    const digits = value.replaceAll('_', '');
    const n = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(
        `--${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')} (got "${value}")`,
      );
    }
    if (sizes[name] !== undefined) throw new Error(`--${name} is given twice`);
    sizes[name] = n;
  }
  return sizes;
}
